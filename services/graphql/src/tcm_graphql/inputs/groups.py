"""Group inputs: CreateTestGroupInput -> GroupFields, UpdateTestGroupInput -> GroupPatch."""

from __future__ import annotations

from tcm_common.domain.group import GroupFields, GroupPatch
from tcm_graphql.inputs.fields import Input, patch_value


def group_fields(data: Input) -> GroupFields:
    return GroupFields(name=data["name"], description=data.get("description"))


def group_patch(data: Input) -> GroupPatch:
    return GroupPatch(
        name=patch_value(data, "name", nullable=False),
        description=patch_value(data, "description", nullable=True),
    )
