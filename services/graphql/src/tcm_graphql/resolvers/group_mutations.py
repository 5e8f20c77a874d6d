"""Group mutations: create, update, delete, reorder."""

from __future__ import annotations

from tcm_common.domain.group import TestGroup
from tcm_graphql.execution.context import Info
from tcm_graphql.inputs.fields import Input
from tcm_graphql.inputs.groups import group_fields, group_patch
from tcm_graphql.inputs.ids import parse_id, parse_ids
from tcm_graphql.schema.binding import Resolver


async def create_test_group(_root: object, info: Info, input: Input) -> TestGroup:
    context = info.context
    view = await context.runtime.platform.groups.create(
        context.principal, parse_id(input["suiteId"], "suiteId"), group_fields(input)
    )
    return context.loaders.group_view(view)


async def update_test_group(_root: object, info: Info, id: str, version: int, input: Input) -> TestGroup:
    context = info.context
    view = await context.runtime.platform.groups.update(context.principal, parse_id(id), group_patch(input), version)
    return context.loaders.group_view(view)


async def delete_test_group(_root: object, info: Info, id: str, version: int, cascade: bool = False) -> str:
    context = info.context
    await context.runtime.platform.groups.delete(
        context.principal, parse_id(id), cascade=bool(cascade), expected_version=version
    )
    return id


async def reorder_groups(
    _root: object,
    info: Info,
    suite_id: str,
    group_ids: list[str],
) -> list[TestGroup]:
    context = info.context
    views = await context.runtime.platform.groups.reorder(
        context.principal, parse_id(suite_id, "suiteId"), parse_ids(group_ids, "groupIds")
    )
    return [context.loaders.group_view(view) for view in views]


MUTATION: dict[str, Resolver] = {
    "createTestGroup": create_test_group,
    "updateTestGroup": update_test_group,
    "deleteTestGroup": delete_test_group,
    "reorderGroups": reorder_groups,
}
