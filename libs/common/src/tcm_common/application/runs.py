"""Use cases of test runs (docs/domain-runs.md): create from a selection, update, start, complete,
abort, reopen, delete, assign entries, record a result, and the reads. Each answers with views.

    view = await platform.runs.create(principal, suite_id, RunFields("Nightly"), RunSelection.of())
    recorded = await platform.runs.record_result(principal, view.id, case_id, ResultFields(RunResult.PASSED))
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID, uuid4

from tcm_common.application.clock import Clock
from tcm_common.application.filters import RunFilter
from tcm_common.application.lookup import found, suite_of
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, authorize
from tcm_common.application.run_ports import RunUnitOfWork, RunUnitOfWorkFactory
from tcm_common.application.run_recording import open_run, write_results
from tcm_common.application.run_views import EntryView, RecordedResult, ResultView, RunView
from tcm_common.domain.errors import InvalidTransition, NotFound, ValidationFailed
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.principal import Principal
from tcm_common.domain.run import RunFields, RunPatch, TestRun, ensure_suite_open
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import ResultFields, ResultRecord
from tcm_common.domain.run_status import RunStatus
from tcm_common.domain.versioning import ensure_version

_RUN = "test run"


async def create_run(
    uow: RunUnitOfWork, suite_id: UUID, fields: RunFields, selection: RunSelection, actor: Principal, now: datetime
) -> TestRun:
    """A new run with its snapshot, inside the caller's unit of work (also used by report imports)."""
    suite = await suite_of(uow, suite_id)
    ensure_suite_open(suite.id, suite.status)
    run = TestRun.create(uuid4(), suite_id, fields, actor.user_id, now)
    foreign_groups, foreign_cases = await uow.runs.foreign_ids(suite_id, selection.group_ids, selection.case_ids)
    errors = [("groupIds", f"{group_id} is not a group of this suite") for group_id in foreign_groups]
    errors += [("caseIds", f"{case_id} is not a case of this suite") for case_id in foreign_cases]
    if errors:
        raise ValidationFailed(errors)
    await uow.runs.add(run)
    await uow.runs.snapshot(run, selection)
    uow.publish(ChangeEvent(suite_id, ChangeKind.RUN_CREATED, run.id, run.version))
    return run


class RunUseCases:
    def __init__(self, unit_of_work: RunUnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def create(
        self, principal: Principal | None, suite_id: UUID, fields: RunFields, selection: RunSelection
    ) -> RunView:
        actor = authorize(principal, Action.MANAGE_RUNS)
        async with self._unit_of_work() as uow:
            run = await create_run(uow, suite_id, fields, selection, actor, self._clock.now())
            view = await uow.runs.view(run)
            await uow.commit()
        return view

    async def update(
        self, principal: Principal | None, run_id: UUID, patch: RunPatch, expected_version: int | None
    ) -> RunView:
        authorize(principal, Action.MANAGE_RUNS)
        async with self._unit_of_work() as uow:
            current = await open_run(uow, run_id)
            ensure_version(_RUN, current, expected_version)
            run = current.apply(patch, self._clock.now())
            await uow.runs.update(run)
            uow.publish(ChangeEvent(run.suite_id, ChangeKind.RUN_UPDATED, run.id, run.version))
            view = await uow.runs.view(run)
            await uow.commit()
        return view

    async def start(self, principal: Principal | None, run_id: UUID, expected_version: int | None = None) -> RunView:
        authorize(principal, Action.EXECUTE_RUNS)
        return await self._change_status(run_id, RunStatus.IN_PROGRESS, expected_version, reopen=False)

    async def complete(self, principal: Principal | None, run_id: UUID, expected_version: int | None = None) -> RunView:
        authorize(principal, Action.EXECUTE_RUNS)
        return await self._change_status(run_id, RunStatus.COMPLETED, expected_version, reopen=False)

    async def abort(self, principal: Principal | None, run_id: UUID, expected_version: int | None = None) -> RunView:
        authorize(principal, Action.MANAGE_RUNS)
        return await self._change_status(run_id, RunStatus.ABORTED, expected_version, reopen=False)

    async def reopen(self, principal: Principal | None, run_id: UUID, expected_version: int | None = None) -> RunView:
        authorize(principal, Action.MANAGE_RUNS)
        return await self._change_status(run_id, RunStatus.IN_PROGRESS, expected_version, reopen=True)

    async def _change_status(
        self, run_id: UUID, target: RunStatus, expected_version: int | None, *, reopen: bool
    ) -> RunView:
        async with self._unit_of_work() as uow:
            current = found(await uow.runs.get(run_id, for_update=True), _RUN, run_id)
            suite = await suite_of(uow, current.suite_id)
            ensure_suite_open(suite.id, suite.status)
            ensure_version(_RUN, current, expected_version)
            if reopen and not current.status.is_closed:
                raise InvalidTransition(_RUN, current.status, "IN_PROGRESS (reopen)")
            if not reopen:
                # Only a reopen leaves a closed run's status; it needs its own permission.
                current.ensure_open()
            run = current.change_status(target, self._clock.now())
            await uow.runs.update(run)
            uow.publish(ChangeEvent(run.suite_id, ChangeKind.RUN_STATUS_CHANGED, run.id, run.version))
            view = await uow.runs.view(run)
            await uow.commit()
        return view

    async def delete(self, principal: Principal | None, run_id: UUID, *, expected_version: int | None = None) -> None:
        """Its entries and results go with it; the cases stay as they are."""
        authorize(principal, Action.MANAGE_RUNS)
        async with self._unit_of_work() as uow:
            run = found(await uow.runs.get(run_id, for_update=True), _RUN, run_id)
            suite = await suite_of(uow, run.suite_id)
            ensure_suite_open(suite.id, suite.status)
            ensure_version(_RUN, run, expected_version)
            await uow.runs.delete(run_id)
            uow.publish(ChangeEvent(run.suite_id, ChangeKind.RUN_DELETED, run.id, run.version))
            await uow.commit()

    async def assign(
        self, principal: Principal | None, run_id: UUID, entry_ids: Sequence[UUID], assignee_id: UUID | None
    ) -> list[EntryView]:
        """Assigns the entries to a user (None unassigns them); every entry id must be of the run."""
        authorize(principal, Action.MANAGE_RUNS)
        wanted = list(dict.fromkeys(entry_ids))
        async with self._unit_of_work() as uow:
            run = await open_run(uow, run_id)
            if assignee_id is not None and await uow.runs.user_ref(assignee_id) is None:
                raise NotFound("user", assignee_id)
            assigned = set(await uow.runs.assign(run_id, wanted, assignee_id))
            missing = [entry_id for entry_id in wanted if entry_id not in assigned]
            if missing:
                raise ValidationFailed(
                    [("entryIds", f"{entry_id} is not an entry of this run") for entry_id in missing]
                )
            uow.publish(ChangeEvent(run.suite_id, ChangeKind.RUN_ENTRIES_ASSIGNED, run.id, run.version))
            entries = await uow.runs.entries(run_id, wanted)
            await uow.commit()
        return entries

    async def record_result(
        self, principal: Principal | None, run_id: UUID, case_id: UUID, fields: ResultFields
    ) -> RecordedResult:
        """Appends a result to the entry of `case_id`; the first result starts a planned run."""
        actor = authorize(principal, Action.EXECUTE_RUNS)
        now = self._clock.now()
        async with self._unit_of_work() as uow:
            run = await open_run(uow, run_id)
            if await uow.runs.entry_of_case(run_id, case_id) is None:
                raise NotFound("run entry of test case", case_id)
            record = ResultRecord.record(uuid4(), run_id, case_id, fields, recorded_by=actor.user_id, now=now)
            written = await write_results(uow, run, [record], moved_by=actor.user_id, now=now)
            entry = found(await uow.runs.entry_of_case(run_id, case_id), "run entry of test case", case_id)
            recorded_by = await uow.runs.user_ref(actor.user_id)
            view = await uow.runs.view(written.run)
            await uow.commit()
        return RecordedResult(ResultView(record, recorded_by), entry, view)

    async def get(self, principal: Principal | None, run_id: UUID) -> RunView:
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            run = found(await uow.runs.get(run_id), _RUN, run_id)
            return await uow.runs.view(run)

    async def list_for_suite(
        self,
        principal: Principal | None,
        suite_id: UUID,
        request: PageRequest,
        run_filter: RunFilter | None = None,
    ) -> Page[RunView]:
        """Newest first; all of them, or those the filter keeps."""
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            await suite_of(uow, suite_id)
            return await uow.runs.page(suite_id, request, run_filter or RunFilter())

    async def entries(self, principal: Principal | None, run_id: UUID) -> list[EntryView]:
        """In run order: by group display order, then case creation, at the time of the snapshot."""
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            found(await uow.runs.get(run_id), _RUN, run_id)
            return await uow.runs.entries(run_id)

    async def results(self, principal: Principal | None, run_id: UUID, case_id: UUID) -> list[ResultView]:
        """The records of one entry, oldest first."""
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            found(await uow.runs.get(run_id), _RUN, run_id)
            if await uow.runs.entry_of_case(run_id, case_id) is None:
                raise NotFound("run entry of test case", case_id)
            return await uow.results.list_for_entry(run_id, case_id)
