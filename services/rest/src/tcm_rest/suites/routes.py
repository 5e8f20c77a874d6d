"""/test-suites: list, create, read, update, delete, change status."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, Response, delete, get, patch, post
from litestar.params import JSONBody, QueryParameter

from tcm_common.application.filters import SEARCH_MAX_LENGTH, SuiteFilter
from tcm_common.application.pagination import DEFAULT_PAGE_SIZE
from tcm_common.domain.suite_status import SuiteStatus
from tcm_rest.dependencies import Caller, UseCases
from tcm_rest.http.etags import IfMatch, expected_version
from tcm_rest.http.pagination import Cursor, Limit, page_request
from tcm_rest.http.parameters import PLAIN_STRING, Cascade, SuiteId
from tcm_rest.http.problem_docs import BODY_PROBLEMS, problems
from tcm_rest.http.responses import ETAG_HEADER, created, resource
from tcm_rest.paths import location
from tcm_rest.suites.messages import (
    TestSuite,
    TestSuiteCreate,
    TestSuitePage,
    TestSuiteStatusChange,
    TestSuiteUpdate,
)
from tcm_rest.suites.views import Include, page_view, read_suite
from tcm_rest.wire import WITHOUT_NUL

Search = Annotated[
    str | None,
    QueryParameter(
        max_length=SEARCH_MAX_LENGTH,
        pattern=WITHOUT_NUL,
        schema_extra=PLAIN_STRING,
        description="Matches name or description, case-insensitively.",
    ),
]
StartFrom = Annotated[
    date | None, QueryParameter(name="startFrom", description="Estimated start on or after this date.")
]
EndTo = Annotated[date | None, QueryParameter(name="endTo", description="Estimated end on or before this date.")]
StatusFilter = Annotated[SuiteStatus | None, QueryParameter(description="Only suites in this status.")]
IncludeParameter = Annotated[
    Include | None, QueryParameter(description="Embed the groups, or the groups with their cases.")
]


class TestSuiteRoutes(Controller):
    path = "/test-suites"
    tags = ("Test suites",)

    @get("/", operation_id="listTestSuites", responses=problems(400, 401, 422))
    async def list_suites(
        self,
        platform: UseCases,
        principal: Caller,
        limit: Limit = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
        status: StatusFilter = None,
        search: Search = None,
        start_from: StartFrom = None,
        end_to: EndTo = None,
    ) -> TestSuitePage:
        """Newest first; filters combine."""
        suite_filter = SuiteFilter(status=status, search=search, start_from=start_from, end_to=end_to)
        page = await platform.suites.list(principal, suite_filter, page_request(limit, cursor))
        return page_view(page)

    @post(
        "/",
        operation_id="createTestSuite",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 422),
    )
    async def create_suite(
        self, platform: UseCases, principal: Caller, data: JSONBody[TestSuiteCreate]
    ) -> Response[TestSuite]:
        suite = await platform.suites.create(principal, data.fields())
        return created(TestSuite.of(suite), suite.version, location("test-suites", suite.id))

    @get(
        "/{suite_id:uuid}",
        operation_id="getTestSuite",
        response_headers=[ETAG_HEADER],
        responses=problems(400, 401, 404),
    )
    async def get_suite(
        self, platform: UseCases, principal: Caller, suite_id: SuiteId, include: IncludeParameter = None
    ) -> Response[TestSuite]:
        suite = await read_suite(platform, principal, suite_id, include)
        return resource(suite, suite.version)

    @patch(
        "/{suite_id:uuid}",
        operation_id="updateTestSuite",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 412, 422, 428),
    )
    async def update_suite(
        self,
        platform: UseCases,
        principal: Caller,
        suite_id: SuiteId,
        data: JSONBody[TestSuiteUpdate],
        if_match: IfMatch = None,
    ) -> Response[TestSuite]:
        suite = await platform.suites.update(principal, suite_id, data.patch(), expected_version(if_match))
        return resource(TestSuite.of(suite), suite.version)

    @delete(
        "/{suite_id:uuid}",
        operation_id="deleteTestSuite",
        responses=problems(400, 401, 403, 404, 409, 412, 428),
    )
    async def delete_suite(
        self,
        platform: UseCases,
        principal: Caller,
        suite_id: SuiteId,
        if_match: IfMatch = None,
        cascade: Cascade = False,
    ) -> None:
        await platform.suites.delete(principal, suite_id, cascade=cascade, expected_version=expected_version(if_match))

    @post(
        "/{suite_id:uuid}/status",
        status_code=200,
        operation_id="changeTestSuiteStatus",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 412, 428),
    )
    async def change_status(
        self,
        platform: UseCases,
        principal: Caller,
        suite_id: SuiteId,
        data: JSONBody[TestSuiteStatusChange],
        if_match: IfMatch = None,
    ) -> Response[TestSuite]:
        suite = await platform.suites.change_status(principal, suite_id, data.status, expected_version(if_match))
        return resource(TestSuite.of(suite), suite.version)
