"""Run mutations: create, update, start, complete, abort, reopen, delete, assign entries, record a result."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from tcm_common.application.run_views import RecordedResult, RunView
from tcm_common.application.runs import RunUseCases
from tcm_common.domain.principal import Principal
from tcm_common.domain.run import TestRun
from tcm_common.domain.run_entry import RunEntry
from tcm_graphql.execution.context import Info
from tcm_graphql.inputs.fields import Input
from tcm_graphql.inputs.ids import parse_id, parse_ids
from tcm_graphql.inputs.runs import result_fields, run_fields, run_patch, run_selection
from tcm_graphql.schema.binding import Resolver


async def create_test_run(_root: object, info: Info, input: Input) -> TestRun:
    context = info.context
    view = await context.runtime.platform.runs.create(
        context.principal,
        parse_id(input["suiteId"], "suiteId"),
        run_fields(input),
        run_selection(input.get("selection")),
    )
    return context.loaders.run_view(view)


async def update_test_run(_root: object, info: Info, id: str, version: int, input: Input) -> TestRun:
    context = info.context
    view = await context.runtime.platform.runs.update(context.principal, parse_id(id), run_patch(input), version)
    return context.loaders.run_view(view)


RunTransition = Callable[[RunUseCases], Callable[[Principal | None, UUID, int | None], Awaitable[RunView]]]


def run_transition(use_case: RunTransition) -> Resolver:
    """startTestRun, completeTestRun, abortTestRun and reopenTestRun: one shape, one use case each."""

    async def change_run_status(_root: object, info: Info, id: str, version: int) -> TestRun:
        context = info.context
        view = await use_case(context.runtime.platform.runs)(context.principal, parse_id(id), version)
        return context.loaders.run_view(view)

    return change_run_status


async def delete_test_run(_root: object, info: Info, id: str, version: int) -> str:
    context = info.context
    await context.runtime.platform.runs.delete(context.principal, parse_id(id), expected_version=version)
    return id


async def assign_run_entries(
    _root: object, info: Info, run_id: str, entry_ids: list[str], assignee_id: str | None = None
) -> list[RunEntry]:
    context = info.context
    views = await context.runtime.platform.runs.assign(
        context.principal,
        parse_id(run_id, "runId"),
        parse_ids(entry_ids, "entryIds"),
        parse_id(assignee_id, "assigneeId") if assignee_id is not None else None,
    )
    return [view.entry for view in views]


async def record_run_result(_root: object, info: Info, input: Input) -> RecordedResult:
    context = info.context
    return await context.runtime.platform.runs.record_result(
        context.principal, parse_id(input["runId"], "runId"), parse_id(input["caseId"], "caseId"), result_fields(input)
    )


MUTATION: dict[str, Resolver] = {
    "createTestRun": create_test_run,
    "updateTestRun": update_test_run,
    "startTestRun": run_transition(lambda runs: runs.start),
    "completeTestRun": run_transition(lambda runs: runs.complete),
    "abortTestRun": run_transition(lambda runs: runs.abort),
    "reopenTestRun": run_transition(lambda runs: runs.reopen),
    "deleteTestRun": delete_test_run,
    "assignRunEntries": assign_run_entries,
    "recordRunResult": record_run_result,
}
