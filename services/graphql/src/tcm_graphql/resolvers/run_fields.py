"""TestRun, RunEntry, ResultRecord and RecordedRunResult: figures, entries, their cases, results and the
users named, all through the request's DataLoaders (the batch reads of platform.run_loaders)."""

from __future__ import annotations

from dataclasses import dataclass

from tcm_common.application.read_models import UserRef
from tcm_common.application.run_views import RecordedResult, RunView
from tcm_common.domain.case import TestCase
from tcm_common.domain.errors import NotFound
from tcm_common.domain.run import TestRun
from tcm_common.domain.run_entry import RunEntry
from tcm_common.domain.run_result import ResultRecord, RunResult
from tcm_common.domain.run_status import RunStatus
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.user import User
from tcm_graphql.execution.context import Info
from tcm_graphql.schema.binding import Resolver


@dataclass(frozen=True, slots=True)
class RunResultCount:
    result: RunResult
    count: int


async def _view(run: TestRun, info: Info) -> RunView:
    # Runs reach resolvers from the loader or primed by a use case's answer: the view is in the cache.
    view = await info.context.loaders.run.load(run.id)
    if view is None:
        raise NotFound("test run", run.id)
    return view


async def suite(run: TestRun, info: Info) -> TestSuite | None:
    return await info.context.loaders.suite.load(run.suite_id)


async def allowed_transitions(run: TestRun, info: Info) -> list[RunStatus]:
    return (await _view(run, info)).allowed_transitions


async def created_by(run: TestRun, info: Info) -> User | UserRef | None:
    return await info.context.loaders.user_as_seen.load(run.created_by)


async def counts(run: TestRun, info: Info) -> list[RunResultCount]:
    return [RunResultCount(result, count) for result, count in (await _view(run, info)).counts.items()]


async def entry_count(run: TestRun, info: Info) -> int:
    return (await _view(run, info)).entry_count


async def completion(run: TestRun, info: Info) -> float:
    return (await _view(run, info)).completion


async def pass_rate(run: TestRun, info: Info) -> float:
    return (await _view(run, info)).pass_rate


async def entries(run: TestRun, info: Info) -> list[RunEntry]:
    return [view.entry for view in await info.context.loaders.entries_of_run.load(run.id)]


async def case(entry: RunEntry, info: Info) -> TestCase | None:
    return await info.context.loaders.case.load(entry.case_id)


async def assignee(entry: RunEntry, info: Info) -> User | UserRef | None:
    if entry.assignee_id is None:
        return None
    return await info.context.loaders.user_as_seen.load(entry.assignee_id)


async def results(entry: RunEntry, info: Info) -> list[ResultRecord]:
    views = await info.context.loaders.results_of_entry.load((entry.run_id, entry.case_id))
    return [view.record for view in views]


async def recorded_by(record: ResultRecord, info: Info) -> User | UserRef | None:
    return await info.context.loaders.user_as_seen.load(record.recorded_by)


def recorded_result(recorded: RecordedResult, _info: Info) -> ResultRecord:
    return recorded.result.record


def recorded_entry(recorded: RecordedResult, _info: Info) -> RunEntry:
    return recorded.entry.entry


def recorded_run(recorded: RecordedResult, info: Info) -> TestRun:
    return info.context.loaders.run_view(recorded.run)


TEST_RUN: dict[str, Resolver] = {
    "suite": suite,
    "allowedTransitions": allowed_transitions,
    "createdBy": created_by,
    "counts": counts,
    "entryCount": entry_count,
    "completion": completion,
    "passRate": pass_rate,
    "entries": entries,
}
RUN_ENTRY: dict[str, Resolver] = {"case": case, "assignee": assignee, "results": results}
RESULT_RECORD: dict[str, Resolver] = {"recordedBy": recorded_by}
RECORDED_RUN_RESULT: dict[str, Resolver] = {"result": recorded_result, "entry": recorded_entry, "run": recorded_run}
