"""The resource every span and metric of a process carries: which service, which version, where."""

from __future__ import annotations

from opentelemetry.sdk.resources import Resource

from tcm_common.settings import Environment


def service_resource(service: str, version: str, environment: Environment) -> Resource:
    # Resource.create also reads OTEL_RESOURCE_ATTRIBUTES (Terraform adds service.namespace there);
    # the values given here win over the environment's.
    return Resource.create(
        {
            "service.name": service,
            "service.version": version,
            "deployment.environment": environment.value,
        }
    )
