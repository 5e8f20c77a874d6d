"""The platform's deployable services and the ones the operations commands treat specially."""

from __future__ import annotations

from typing import Final

from tcm_ops.errors import OpsError

SERVICES: Final = ("rest", "graphql", "grpc")
# One-off tasks (migrate, seed-demo) run from the REST service's image, network and security group.
ONE_OFF_TASK_SERVICE: Final = "rest"
# Terraform's one-off task definition tcm-<env>-migrate (container `migrate`): the schema owner's role.
MIGRATE_TASK: Final = "migrate"
ENVIRONMENTS: Final = ("development", "production")
PRODUCTION: Final = "production"


def require_service(name: str) -> str:
    if name not in SERVICES:
        raise OpsError(f"unknown service {name!r}: expected one of {', '.join(SERVICES)}")
    return name
