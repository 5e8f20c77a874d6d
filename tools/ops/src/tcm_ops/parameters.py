"""SSM Parameter Store, the one place Terraform and tcm-ops hand values to each other.

Terraform publishes its task definition revisions and writes the first secrets there; the rotations of
this tool rewrite the secrets (keeping each parameter's type and KMS key). A parameter the tool adds
itself (a key pair waiting to be switched to, the bootstrap progress) uses the KMS key of the
environment's other parameters.
"""

from __future__ import annotations

import contextlib
from typing import Any

from tcm_ops.errors import OpsError


def prefix(environment: str) -> str:
    return f"/tcm/{environment}"


def task_definition_parameter(environment: str, name: str) -> str:
    """Where Terraform publishes the revision it manages for a service or one-off task (modules/service)."""
    return f"{prefix(environment)}/task-definitions/{name}"


class Parameters:
    """A thin typed face of the boto3 SSM client (its stubs are not installed; this keeps `Any` here)."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def get(self, name: str) -> str | None:
        try:
            answer = self._client.get_parameter(Name=name, WithDecryption=True)
        except self._client.exceptions.ParameterNotFound:
            return None
        return str(answer["Parameter"]["Value"])

    def require(self, name: str, hint: str) -> str:
        value = self.get(name)
        if value is None:
            raise OpsError(f"SSM parameter {name} does not exist: {hint}")
        return value

    def put(self, name: str, value: str) -> None:
        """Overwrites an existing parameter, keeping its type and KMS key."""
        self._client.put_parameter(Name=name, Value=value, Overwrite=True)

    def create_secure(self, name: str, value: str, key_id: str | None) -> None:
        arguments: dict[str, Any] = {"Name": name, "Value": value, "Type": "SecureString", "Overwrite": True}
        if key_id is not None:
            arguments["KeyId"] = key_id
        self._client.put_parameter(**arguments)

    def key_id(self, name: str) -> str | None:
        """The KMS key of an existing SecureString (new parameters of a rotation use the same key)."""
        described = self._client.describe_parameters(
            ParameterFilters=[{"Key": "Name", "Option": "Equals", "Values": [name]}]
        )["Parameters"]
        return str(described[0]["KeyId"]) if described and described[0].get("KeyId") else None

    def delete(self, name: str) -> None:
        with contextlib.suppress(self._client.exceptions.ParameterNotFound):
            self._client.delete_parameter(Name=name)
