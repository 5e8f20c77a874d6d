"""Case mutations: create, update, delete, change status, record effort, set the automation key."""

from __future__ import annotations

from tcm_common.domain.case import TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortRecord
from tcm_graphql.execution.context import Info
from tcm_graphql.inputs.cases import case_fields, case_patch, effort_fields
from tcm_graphql.inputs.fields import Input
from tcm_graphql.inputs.ids import parse_id
from tcm_graphql.schema.binding import Resolver


async def create_test_case(_root: object, info: Info, input: Input) -> TestCase:
    context = info.context
    view = await context.runtime.platform.cases.create(
        context.principal, parse_id(input["groupId"], "groupId"), case_fields(input)
    )
    return context.loaders.case_view(view)


async def update_test_case(_root: object, info: Info, id: str, version: int, input: Input) -> TestCase:
    context = info.context
    view = await context.runtime.platform.cases.update(context.principal, parse_id(id), case_patch(input), version)
    return context.loaders.case_view(view)


async def delete_test_case(_root: object, info: Info, id: str, version: int) -> str:
    context = info.context
    await context.runtime.platform.cases.delete(context.principal, parse_id(id), expected_version=version)
    return id


async def change_test_case_status(
    _root: object, info: Info, id: str, version: int, status: str, reason: str | None = None
) -> TestCase:
    context = info.context
    result = await context.runtime.platform.cases.change_status(
        context.principal, parse_id(id), CaseStatus(status), reason=reason, expected_version=version
    )
    return context.loaders.case_view(result.case)


async def record_effort(_root: object, info: Info, input: Input) -> EffortRecord:
    context = info.context
    result = await context.runtime.platform.efforts.record(
        context.principal, parse_id(input["caseId"], "caseId"), effort_fields(input)
    )
    return result.entry.record


async def set_automation_key(
    _root: object, info: Info, case_id: str, version: int, automation_key: str | None = None
) -> TestCase:
    context = info.context
    case = await context.runtime.platform.automation_keys.set_key(
        context.principal, parse_id(case_id, "caseId"), automation_key, version
    )
    context.loaders.case.prime(case.id, case)
    return case


MUTATION: dict[str, Resolver] = {
    "createTestCase": create_test_case,
    "updateTestCase": update_test_case,
    "deleteTestCase": delete_test_case,
    "changeTestCaseStatus": change_test_case_status,
    "recordEffort": record_effort,
    "setAutomationKey": set_automation_key,
}
