"""Test runs (/test-suites/{id}/runs, /test-runs/{id}): create from a selection, read, update, status
changes, delete, assign entries, record results, import JUnit reports; and a case's automation key."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.params import JSONBody, PathParameter, QueryParameter

from tcm_common.application.filters import RunFilter
from tcm_common.application.pagination import DEFAULT_PAGE_SIZE
from tcm_common.domain.run import LABEL_MAX_LENGTH, NAME_MAX_LENGTH, RunFields
from tcm_common.domain.run_status import RunStatus
from tcm_common.reporting.junit import MAX_REPORT_BYTES
from tcm_rest.dependencies import Caller, UseCases
from tcm_rest.http.etags import IfMatch, expected_version
from tcm_rest.http.pagination import Cursor, Limit, page_request
from tcm_rest.http.parameters import PLAIN_STRING, CaseId, SuiteId
from tcm_rest.http.problem_docs import BODY_PROBLEMS, problems
from tcm_rest.http.responses import ETAG_HEADER, created, resource
from tcm_rest.paths import location
from tcm_rest.test_runs.junit_body import JUnitOperation, junit_report
from tcm_rest.test_runs.messages import (
    AutomationKeyChange,
    CaseAutomationKey,
    JUnitImportReport,
    RecordedResultAnswer,
    ResultRecord,
    ResultRecordCreate,
    RunEntry,
    RunEntryAssignment,
    TestRun,
    TestRunCreate,
    TestRunPage,
    TestRunUpdate,
)
from tcm_rest.wire import WITHOUT_NUL

AnyRequest = Request[Any, Any, Any]
RunId = Annotated[UUID, PathParameter(description="The run's id.")]
CreateMissing = Annotated[
    bool,
    QueryParameter(
        name="createMissing", description="Create cases (group `Automated`) for keys no case of the suite has."
    ),
]
DrivesWorkflow = Annotated[
    bool, QueryParameter(name="drivesWorkflow", description="Results move the cases through their workflow.")
]
RunName = Annotated[
    str,
    QueryParameter(min_length=1, max_length=NAME_MAX_LENGTH, pattern=WITHOUT_NUL, description="The new run's name."),
]
Label = Annotated[
    str | None,
    QueryParameter(
        max_length=LABEL_MAX_LENGTH, pattern=WITHOUT_NUL, schema_extra=PLAIN_STRING, description="Build or environment."
    ),
]
RunStatusFilter = Annotated[RunStatus | None, QueryParameter(description="Only runs in this status.")]
_XML_PROBLEMS = (400, 401, 403, 404, 409, 413, 415, 422)
_STATUS_PROBLEMS = (400, 401, 403, 404, 409, 412, 428)


class TestRunRoutes(Controller):
    path = "/"
    tags = ("Test runs",)

    @get("/test-suites/{suite_id:uuid}/runs", operation_id="listTestRuns", responses=problems(400, 401, 404, 422))
    async def list_runs(
        self,
        platform: UseCases,
        principal: Caller,
        suite_id: SuiteId,
        limit: Limit = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
        status: RunStatusFilter = None,
    ) -> TestRunPage:
        """Newest first."""
        page = await platform.runs.list_for_suite(
            principal, suite_id, page_request(limit, cursor), RunFilter(status=status)
        )
        return TestRunPage(
            items=[TestRun.of(view) for view in page.nodes],
            next_cursor=page.end_cursor if page.has_next_page else None,
            total_count=page.total_count,
        )

    @post(
        "/test-suites/{suite_id:uuid}/runs",
        operation_id="createTestRun",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 422),
    )
    async def create_run(
        self, platform: UseCases, principal: Caller, suite_id: SuiteId, data: JSONBody[TestRunCreate]
    ) -> Response[TestRun]:
        """Takes a snapshot of the chosen cases: one entry each, UNTESTED."""
        run = await platform.runs.create(principal, suite_id, data.fields(), data.selection())
        return created(TestRun.of(run), run.version, location("test-runs", run.id))

    @get(
        "/test-runs/{run_id:uuid}",
        operation_id="getTestRun",
        response_headers=[ETAG_HEADER],
        responses=problems(400, 401, 404),
    )
    async def get_run(self, platform: UseCases, principal: Caller, run_id: RunId) -> Response[TestRun]:
        run = await platform.runs.get(principal, run_id)
        return resource(TestRun.of(run), run.version)

    @patch(
        "/test-runs/{run_id:uuid}",
        operation_id="updateTestRun",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 412, 422, 428),
    )
    async def update_run(
        self,
        platform: UseCases,
        principal: Caller,
        run_id: RunId,
        data: JSONBody[TestRunUpdate],
        if_match: IfMatch = None,
    ) -> Response[TestRun]:
        run = await platform.runs.update(principal, run_id, data.patch(), expected_version(if_match))
        return resource(TestRun.of(run), run.version)

    @delete("/test-runs/{run_id:uuid}", operation_id="deleteTestRun", responses=problems(*_STATUS_PROBLEMS))
    async def delete_run(self, platform: UseCases, principal: Caller, run_id: RunId, if_match: IfMatch = None) -> None:
        """Its entries and results go with it; the cases stay as they are."""
        await platform.runs.delete(principal, run_id, expected_version=expected_version(if_match))

    @post(
        "/test-runs/{run_id:uuid}/start",
        status_code=200,
        operation_id="startTestRun",
        response_headers=[ETAG_HEADER],
        responses=problems(*_STATUS_PROBLEMS),
    )
    async def start_run(
        self, platform: UseCases, principal: Caller, run_id: RunId, if_match: IfMatch = None
    ) -> Response[TestRun]:
        """PLANNED -> IN_PROGRESS (the first recorded result does it too)."""
        run = await platform.runs.start(principal, run_id, expected_version(if_match))
        return resource(TestRun.of(run), run.version)

    @post(
        "/test-runs/{run_id:uuid}/complete",
        status_code=200,
        operation_id="completeTestRun",
        response_headers=[ETAG_HEADER],
        responses=problems(*_STATUS_PROBLEMS),
    )
    async def complete_run(
        self, platform: UseCases, principal: Caller, run_id: RunId, if_match: IfMatch = None
    ) -> Response[TestRun]:
        """IN_PROGRESS -> COMPLETED: read-only until a Manager reopens it."""
        run = await platform.runs.complete(principal, run_id, expected_version(if_match))
        return resource(TestRun.of(run), run.version)

    @post(
        "/test-runs/{run_id:uuid}/abort",
        status_code=200,
        operation_id="abortTestRun",
        response_headers=[ETAG_HEADER],
        responses=problems(*_STATUS_PROBLEMS),
    )
    async def abort_run(
        self, platform: UseCases, principal: Caller, run_id: RunId, if_match: IfMatch = None
    ) -> Response[TestRun]:
        run = await platform.runs.abort(principal, run_id, expected_version(if_match))
        return resource(TestRun.of(run), run.version)

    @post(
        "/test-runs/{run_id:uuid}/reopen",
        status_code=200,
        operation_id="reopenTestRun",
        response_headers=[ETAG_HEADER],
        responses=problems(*_STATUS_PROBLEMS),
    )
    async def reopen_run(
        self, platform: UseCases, principal: Caller, run_id: RunId, if_match: IfMatch = None
    ) -> Response[TestRun]:
        """A COMPLETED or ABORTED run back to IN_PROGRESS."""
        run = await platform.runs.reopen(principal, run_id, expected_version(if_match))
        return resource(TestRun.of(run), run.version)

    @get("/test-runs/{run_id:uuid}/entries", operation_id="listTestRunEntries", responses=problems(400, 401, 404))
    async def list_entries(self, platform: UseCases, principal: Caller, run_id: RunId) -> list[RunEntry]:
        """In run order: by group display order, then case creation, at the time of the snapshot."""
        return [RunEntry.of(view) for view in await platform.runs.entries(principal, run_id)]

    @post(
        "/test-runs/{run_id:uuid}/assignments",
        status_code=200,
        operation_id="assignTestRunEntries",
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 422),
    )
    async def assign_entries(
        self, platform: UseCases, principal: Caller, run_id: RunId, data: JSONBody[RunEntryAssignment]
    ) -> list[RunEntry]:
        """Answers with the entries assigned."""
        entries = await platform.runs.assign(principal, run_id, data.entry_ids, data.assignee_id)
        return [RunEntry.of(view) for view in entries]

    @post(
        "/test-runs/{run_id:uuid}/results",
        operation_id="recordTestRunResult",
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 422),
    )
    async def record_result(
        self, platform: UseCases, principal: Caller, run_id: RunId, data: JSONBody[ResultRecordCreate]
    ) -> RecordedResultAnswer:
        """Appends a record to the entry of the case; the entry's result is its latest record."""
        recorded = await platform.runs.record_result(principal, run_id, data.case_id, data.fields())
        return RecordedResultAnswer.of(recorded)

    @get(
        "/test-runs/{run_id:uuid}/cases/{case_id:uuid}/results",
        operation_id="listTestRunResults",
        responses=problems(400, 401, 404),
    )
    async def list_results(
        self, platform: UseCases, principal: Caller, run_id: RunId, case_id: CaseId
    ) -> list[ResultRecord]:
        """The records of one entry, oldest first."""
        return [ResultRecord.of(view) for view in await platform.runs.results(principal, run_id, case_id)]

    @post(
        "/test-runs/{run_id:uuid}/junit",
        status_code=200,
        operation_id="importJUnitIntoTestRun",
        operation_class=JUnitOperation,
        request_max_body_size=MAX_REPORT_BYTES,
        responses=problems(*_XML_PROBLEMS),
    )
    async def import_into_run(
        self,
        platform: UseCases,
        principal: Caller,
        request: AnyRequest,
        run_id: RunId,
        create_missing: CreateMissing = False,
    ) -> JUnitImportReport:
        """Records the report's results by automation key (classname.name); a refused file records nothing,
        and the same file sent again records nothing twice."""
        report = await junit_report(request)
        outcome = await platform.run_reports.report(principal, run_id, report.to_report(create_missing=create_missing))
        return JUnitImportReport.of(outcome)

    @post(
        "/test-suites/{suite_id:uuid}/junit",
        operation_id="importJUnitAsTestRun",
        operation_class=JUnitOperation,
        request_max_body_size=MAX_REPORT_BYTES,
        responses=problems(*_XML_PROBLEMS),
    )
    async def import_as_run(
        self,
        platform: UseCases,
        principal: Caller,
        request: AnyRequest,
        suite_id: SuiteId,
        name: RunName,
        label: Label = None,
        create_missing: CreateMissing = False,
        drives_workflow: DrivesWorkflow = False,
    ) -> Response[JUnitImportReport]:
        """A new run holding the reported cases, with their results."""
        report = await junit_report(request)
        fields = RunFields(name, label=label, drives_workflow=drives_workflow)
        outcome = await platform.run_reports.report_new_run(
            principal, suite_id, fields, report.to_report(create_missing=create_missing)
        )
        return Response(
            JUnitImportReport.of(outcome), status_code=201, headers={"Location": location("test-runs", outcome.run.id)}
        )

    @put(
        "/test-cases/{case_id:uuid}/automation-key",
        operation_id="setTestCaseAutomationKey",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 412, 422, 428),
    )
    async def set_automation_key(
        self,
        platform: UseCases,
        principal: Caller,
        case_id: CaseId,
        data: JSONBody[AutomationKeyChange],
        if_match: IfMatch = None,
    ) -> Response[CaseAutomationKey]:
        """Unique within the suite (409 when another case has it); null removes it. The ETag is the case's."""
        case = await platform.automation_keys.set_key(
            principal, case_id, data.automation_key, expected_version(if_match)
        )
        return resource(CaseAutomationKey.of(case), case.version)
