"""New task definition revisions that differ from the current one only in one container's image."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from tcm_ops.errors import OpsError

if TYPE_CHECKING:
    from mypy_boto3_ecs.client import ECSClient
    from mypy_boto3_ecs.type_defs import TaskDefinitionTypeDef

# Revisions registered by this tool carry this tag, so `cleanup` removes only what the tool created.
CREATED_BY_TAG: Final = {"key": "tcm:created-by", "value": "tcm-ops"}

# Fields of a described task definition that register_task_definition accepts back.
_REGISTERABLE: Final = (
    "family",
    "taskRoleArn",
    "executionRoleArn",
    "networkMode",
    "containerDefinitions",
    "volumes",
    "placementConstraints",
    "requiresCompatibilities",
    "cpu",
    "memory",
    "pidMode",
    "ipcMode",
    "proxyConfiguration",
    "inferenceAccelerators",
    "ephemeralStorage",
    "runtimePlatform",
    "enableFaultInjection",
)


def container_image(task_definition: TaskDefinitionTypeDef, container: str) -> str:
    for definition in task_definition.get("containerDefinitions", []):
        if definition.get("name") == container:
            return str(definition.get("image", ""))
    raise OpsError(
        f"task definition {task_definition.get('taskDefinitionArn')} has no container {container!r}"
    )


def register_with_image(ecs: ECSClient, current_arn: str, container: str, image: str) -> str:
    """Registers a copy of `current_arn` whose container `container` runs `image`; returns the new ARN."""
    described = ecs.describe_task_definition(taskDefinition=current_arn, include=["TAGS"])
    current = described["taskDefinition"]
    container_image(current, container)  # fails clearly when the container is missing
    request: dict[str, Any] = {key: current[key] for key in _REGISTERABLE if key in current}
    request["containerDefinitions"] = [
        {**definition, "image": image} if definition.get("name") == container else definition
        for definition in current["containerDefinitions"]
    ]
    tags = [t for t in described.get("tags", []) if t.get("key") != CREATED_BY_TAG["key"]]
    request["tags"] = [*tags, CREATED_BY_TAG]
    registered = ecs.register_task_definition(**request)
    return registered["taskDefinition"]["taskDefinitionArn"]
