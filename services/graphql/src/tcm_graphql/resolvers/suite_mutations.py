"""Suite mutations: create, update, delete, change status."""

from __future__ import annotations

from tcm_common.domain.suite import TestSuite
from tcm_common.domain.suite_status import SuiteStatus
from tcm_graphql.execution.context import Info
from tcm_graphql.inputs.fields import Input
from tcm_graphql.inputs.ids import parse_id
from tcm_graphql.inputs.suites import suite_fields, suite_patch
from tcm_graphql.schema.binding import Resolver


async def create_test_suite(_root: object, info: Info, input: Input) -> TestSuite:
    context = info.context
    view = await context.runtime.platform.suites.create(context.principal, suite_fields(input))
    return context.loaders.suite_view(view)


async def update_test_suite(_root: object, info: Info, id: str, version: int, input: Input) -> TestSuite:
    context = info.context
    view = await context.runtime.platform.suites.update(context.principal, parse_id(id), suite_patch(input), version)
    return context.loaders.suite_view(view)


async def delete_test_suite(_root: object, info: Info, id: str, version: int, cascade: bool = False) -> str:
    context = info.context
    await context.runtime.platform.suites.delete(
        context.principal, parse_id(id), cascade=bool(cascade), expected_version=version
    )
    return id


async def change_test_suite_status(_root: object, info: Info, id: str, version: int, status: str) -> TestSuite:
    context = info.context
    view = await context.runtime.platform.suites.change_status(
        context.principal, parse_id(id), SuiteStatus(status), version
    )
    return context.loaders.suite_view(view)


MUTATION: dict[str, Resolver] = {
    "createTestSuite": create_test_suite,
    "updateTestSuite": update_test_suite,
    "deleteTestSuite": delete_test_suite,
    "changeTestSuiteStatus": change_test_suite_status,
}
