"""The one way results reach a run, for a single manual result and a whole report alike: records
appended in one statement, entries set, the run started, and with drivesWorkflow the cases moved, all in
batches (docs/domain-runs.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from tcm_common.application.lookup import found
from tcm_common.application.run_ports import RunUnitOfWork
from tcm_common.domain.case import TestCase
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.run import TestRun, ensure_suite_open
from tcm_common.domain.run_result import ResultRecord
from tcm_common.domain.run_workflow import MOVING_RESULTS, move_by_result
from tcm_common.domain.status_change import StatusChange


async def open_run(uow: RunUnitOfWork, run_id: UUID) -> TestRun:
    """The run locked for writing, refused when it or its suite is closed. The lock makes concurrent
    writers of one run take turns, so none of their results is lost."""
    run = found(await uow.runs.get(run_id, for_update=True), "test run", run_id)
    suite = found(await uow.suites.get(run.suite_id), "test suite", run.suite_id)
    ensure_suite_open(suite.id, suite.status)
    run.ensure_open()
    return run


@dataclass(frozen=True, slots=True)
class Written:
    run: TestRun
    records: list[ResultRecord]
    moved: int


async def write_results(
    uow: RunUnitOfWork, run: TestRun, records: Sequence[ResultRecord], *, moved_by: UUID, now: datetime
) -> Written:
    """`run` must come from `open_run` in this unit of work; every record's case must have an entry."""
    written = await uow.results.add(records)
    started = run.started_by_result(now) if written else run
    if started is not run:
        await uow.runs.update(started)
        uow.publish(ChangeEvent(run.suite_id, ChangeKind.RUN_STATUS_CHANGED, run.id, started.version))
    moved = await _drive_workflow(uow, started, written, moved_by, now) if run.drives_workflow else 0
    if written:
        uow.publish(ChangeEvent(run.suite_id, ChangeKind.RUN_RESULTS_RECORDED, run.id, started.version))
    if moved:
        uow.publish(ChangeEvent(run.suite_id, ChangeKind.CASES_CHANGED_BY_RUN, run.id, started.version))
    return Written(started, written, moved)


async def _drive_workflow(
    uow: RunUnitOfWork, run: TestRun, records: Sequence[ResultRecord], moved_by: UUID, now: datetime
) -> int:
    results = {record.case_id: record.result for record in records}
    candidates = [case_id for case_id, result in results.items() if result in MOVING_RESULTS]
    if not candidates:
        return 0
    moves: list[tuple[TestCase, StatusChange]] = []
    for case in await uow.automation.cases_for_update(candidates):
        move = move_by_result(case, results[case.id], run.name, moved_by=moved_by, change_id=uuid4(), now=now)
        if move is not None:
            moves.append(move)
    if moves:
        await uow.automation.move([case for case, _ in moves], [change for _, change in moves])
    return len(moves)
