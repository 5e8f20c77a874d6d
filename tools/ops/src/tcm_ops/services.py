"""The platform's deployable services and the ones the operations commands treat specially."""

from __future__ import annotations

from typing import Final

from tcm_ops.errors import OpsError

SERVICES: Final = ("rest", "graphql", "grpc")
# One-off tasks (migrate, seed-demo) run from the REST service's image and task definition.
ONE_OFF_TASK_SERVICE: Final = "rest"
ENVIRONMENTS: Final = ("development", "production")
PRODUCTION: Final = "production"


def require_service(name: str) -> str:
    if name not in SERVICES:
        raise OpsError(f"unknown service {name!r}: expected one of {', '.join(SERVICES)}")
    return name
