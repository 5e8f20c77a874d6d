"""testsuite.v1.TestRunService: runs, results, reported results (a client stream) and WatchTestRun."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import aclosing
from uuid import UUID

from tcm_common.application.filters import RunFilter
from tcm_common.application.run_reports import MAX_REPORTED_RESULTS, ReportedResult, ResultReport
from tcm_common.domain.errors import NotFound, ValidationFailed
from tcm_common.domain.events import ChangeKind
from tcm_common.domain.priority import Priority
from tcm_common.domain.run import RunFields, RunPatch
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import ResultFields, RunResult
from tcm_common.domain.run_status import RunStatus
from tcm_common.platform import Platform
from tcm_contracts.generated.testsuite import v1
from tcm_contracts.servicers import Context, TestRunServicer
from tcm_grpc.authentication import current_authentication, current_principal
from tcm_grpc.change_stream import until_stopped
from tcm_grpc.conversions import domain_enum, given, optional_domain_enum, required_version, uuid_of, uuids_of
from tcm_grpc.paging import next_page_token, page_request
from tcm_grpc.run_messages import entry_message, import_report_message, result_message, run_message

_RUN_CHANGES = {
    ChangeKind.RUN_UPDATED: v1.TestRunChangeKind.UPDATED,
    ChangeKind.RUN_STATUS_CHANGED: v1.TestRunChangeKind.STATUS_CHANGED,
}
"""Changes of the run's own row, whose events carry the run's version."""
_CONTENT_CHANGES = frozenset({ChangeKind.RUN_RESULTS_RECORDED, ChangeKind.RUN_ENTRIES_ASSIGNED})
"""Changes of the run's entries: results and assignments."""


class TestRuns(TestRunServicer):
    def __init__(self, platform: Platform, stopping: asyncio.Event) -> None:
        self._platform = platform
        self._stopping = stopping

    async def create_test_run(self, request: v1.CreateTestRunRequest, _context: Context) -> v1.CreateTestRunResponse:
        chosen = bool(request.group_ids or request.case_ids)
        selection = RunSelection.of(
            group_ids=uuids_of(request.group_ids, "group_ids") if chosen else None,
            case_ids=uuids_of(request.case_ids, "case_ids") if chosen else None,
            priorities=[domain_enum(priority, Priority, "priorities") for priority in request.priorities],
        )
        fields = RunFields(
            name=request.name,
            description=request.description,
            label=request.label,
            drives_workflow=request.drives_workflow,
        )
        view = await self._platform.runs.create(
            current_principal(), uuid_of(request.suite_id, "suite_id"), fields, selection
        )
        return v1.CreateTestRunResponse(test_run=run_message(view))

    async def get_test_run(self, request: v1.GetTestRunRequest, _context: Context) -> v1.GetTestRunResponse:
        principal = current_principal()
        run_id = uuid_of(request.id, "id")
        view = await self._platform.runs.get(principal, run_id)
        entries = await self._platform.runs.entries(principal, run_id) if request.include_entries else []
        return v1.GetTestRunResponse(test_run=run_message(view), entries=[entry_message(entry) for entry in entries])

    async def list_test_runs(self, request: v1.ListTestRunsRequest, _context: Context) -> v1.ListTestRunsResponse:
        page = await self._platform.runs.list_for_suite(
            current_principal(),
            uuid_of(request.suite_id, "suite_id"),
            page_request(request.page_size, request.page_token),
            RunFilter(status=optional_domain_enum(request.status, RunStatus, "status")),
        )
        return v1.ListTestRunsResponse(
            test_runs=[run_message(view) for view in page.nodes],
            next_page_token=next_page_token(page),
            total_count=page.total_count,
        )

    async def update_test_run(self, request: v1.UpdateTestRunRequest, _context: Context) -> v1.UpdateTestRunResponse:
        patch = RunPatch(
            name=given(request.name),
            description=given(request.description),
            label=given(request.label),
            drives_workflow=given(request.drives_workflow),
        )
        view = await self._platform.runs.update(
            current_principal(), uuid_of(request.id, "id"), patch, required_version(request.version)
        )
        return v1.UpdateTestRunResponse(test_run=run_message(view))

    async def start_test_run(self, request: v1.StartTestRunRequest, _context: Context) -> v1.StartTestRunResponse:
        view = await self._platform.runs.start(current_principal(), uuid_of(request.id, "id"), request.version)
        return v1.StartTestRunResponse(test_run=run_message(view))

    async def complete_test_run(
        self, request: v1.CompleteTestRunRequest, _context: Context
    ) -> v1.CompleteTestRunResponse:
        view = await self._platform.runs.complete(current_principal(), uuid_of(request.id, "id"), request.version)
        return v1.CompleteTestRunResponse(test_run=run_message(view))

    async def abort_test_run(self, request: v1.AbortTestRunRequest, _context: Context) -> v1.AbortTestRunResponse:
        view = await self._platform.runs.abort(current_principal(), uuid_of(request.id, "id"), request.version)
        return v1.AbortTestRunResponse(test_run=run_message(view))

    async def reopen_test_run(self, request: v1.ReopenTestRunRequest, _context: Context) -> v1.ReopenTestRunResponse:
        view = await self._platform.runs.reopen(current_principal(), uuid_of(request.id, "id"), request.version)
        return v1.ReopenTestRunResponse(test_run=run_message(view))

    async def delete_test_run(self, request: v1.DeleteTestRunRequest, _context: Context) -> v1.DeleteTestRunResponse:
        await self._platform.runs.delete(
            current_principal(), uuid_of(request.id, "id"), expected_version=request.version
        )
        return v1.DeleteTestRunResponse()

    async def assign_run_entries(
        self, request: v1.AssignRunEntriesRequest, _context: Context
    ) -> v1.AssignRunEntriesResponse:
        entries = await self._platform.runs.assign(
            current_principal(),
            uuid_of(request.run_id, "run_id"),
            uuids_of(request.entry_ids, "entry_ids"),
            uuid_of(request.assignee_id, "assignee_id") if request.assignee_id else None,
        )
        return v1.AssignRunEntriesResponse(entries=[entry_message(entry) for entry in entries])

    async def record_run_result(
        self, request: v1.RecordRunResultRequest, _context: Context
    ) -> v1.RecordRunResultResponse:
        fields = ResultFields(
            result=domain_enum(request.result, RunResult, "result"),
            comment=request.comment,
            duration_ms=request.duration_ms,
            external_id=request.external_id,
        )
        recorded = await self._platform.runs.record_result(
            current_principal(), uuid_of(request.run_id, "run_id"), uuid_of(request.case_id, "case_id"), fields
        )
        return v1.RecordRunResultResponse(
            result=result_message(recorded.result),
            entry=entry_message(recorded.entry),
            test_run=run_message(recorded.run),
        )

    async def set_automation_key(
        self, request: v1.SetAutomationKeyRequest, _context: Context
    ) -> v1.SetAutomationKeyResponse:
        case = await self._platform.automation_keys.set_key(
            current_principal(), uuid_of(request.case_id, "case_id"), request.automation_key or None, request.version
        )
        return v1.SetAutomationKeyResponse(
            case_id=str(case.id), version=case.version, automation_key=case.automation_key
        )

    async def report_results(
        self, requests: AsyncIterator[v1.ReportResultsRequest], _context: Context
    ) -> v1.ReportResultsResponse:
        principal = current_principal()
        target = await _target_of(requests)
        results = await _results_of(requests)
        report = ResultReport(target.report_id, results, create_missing=target.create_missing)
        if target.run_id is not None:
            outcome = await self._platform.run_reports.report(
                principal, uuid_of(target.run_id, "target.run_id"), report
            )
        else:
            new_run = target.new_run or v1.NewRunTarget()
            fields = RunFields(name=new_run.name, label=new_run.label, drives_workflow=new_run.drives_workflow)
            outcome = await self._platform.run_reports.report_new_run(
                principal, uuid_of(new_run.suite_id, "target.new_run.suite_id"), fields, report
            )
        return import_report_message(outcome)

    async def watch_test_run(
        self, request: v1.WatchTestRunRequest, _context: Context
    ) -> AsyncIterator[v1.WatchTestRunResponse]:
        authentication = current_authentication()
        principal = authentication.principal
        run_id = uuid_of(request.id, "id")
        async with (
            # The run's own events, subscribed before its state was read: no change falls between the two.
            self._platform.changes.watch_run(principal, run_id) as watch,
            aclosing(until_stopped(watch.events, self._stopping, authentication.expires_at)) as changes,
        ):
            yield _change(v1.TestRunChangeKind.SNAPSHOT, run_id, watch.run.version, run_message(watch.run))
            sent_version = watch.run.version
            async for event in changes:
                if event.kind is ChangeKind.RUN_DELETED:  # its suite's deletion included
                    yield _change(v1.TestRunChangeKind.DELETED, run_id, event.version, None)
                    return
                own_change = _RUN_CHANGES.get(event.kind)
                if own_change is None and event.kind not in _CONTENT_CHANGES:
                    continue
                if own_change is not None and event.version <= sent_version:
                    continue  # already in a state sent
                try:
                    current = await self._platform.runs.get(principal, run_id)
                except NotFound:
                    continue  # deleted since the event: its DELETED event follows
                sent_version = current.version
                kind = own_change or v1.TestRunChangeKind.RESULTS_CHANGED
                yield _change(kind, run_id, current.version, run_message(current))


def _change(kind: v1.TestRunChangeKind, run_id: UUID, version: int, run: v1.TestRun | None) -> v1.WatchTestRunResponse:
    return v1.WatchTestRunResponse(run_id=str(run_id), kind=kind, version=version, test_run=run)


async def _target_of(requests: AsyncIterator[v1.ReportResultsRequest]) -> v1.ReportTarget:
    first = await anext(requests, None)
    if first is None or first.target is None:
        raise ValidationFailed.single("target", "the first message must name the run (target)")
    target = first.target
    if target.run_id is None and target.new_run is None:
        raise ValidationFailed.single("target", "names neither a run (run_id) nor a new run (new_run)")
    return target


async def _results_of(requests: AsyncIterator[v1.ReportResultsRequest]) -> list[ReportedResult]:
    """Every result of the stream, checked as it arrives; more than a report may hold is refused early."""
    results: list[ReportedResult] = []
    async for message in requests:
        if message.results is None:
            raise ValidationFailed.single("target", "only the first message names the target")
        for reported in message.results.results:
            results.append(_reported(reported, len(results)))
            if len(results) > MAX_REPORTED_RESULTS:
                raise ValidationFailed.single("results", f"must be at most {MAX_REPORTED_RESULTS} in one report")
    return results


def _reported(message: v1.ReportedResult, index: int) -> ReportedResult:
    field = f"results[{index}]"
    return ReportedResult(
        domain_enum(message.result, RunResult, f"{field}.result"),
        automation_key=message.automation_key,
        case_id=uuid_of(message.case_id, f"{field}.case_id") if message.case_id is not None else None,
        title=message.title,
        comment=message.comment,
        duration_ms=message.duration_ms,
        external_id=message.external_id,
    )
