"""Cases of a group (/test-groups/{id}/cases) and single cases (/test-cases/{id}), with their workflow."""

from __future__ import annotations

from litestar import Controller, Response, delete, get, patch, post
from litestar.params import JSONBody

from tcm_common.application.pagination import DEFAULT_PAGE_SIZE
from tcm_rest.cases.messages import TestCase, TestCaseCreate, TestCasePage, TestCaseStatusChange, TestCaseUpdate
from tcm_rest.dependencies import Caller, UseCases
from tcm_rest.http.etags import IfMatch, expected_version
from tcm_rest.http.pagination import Cursor, Limit, page_request
from tcm_rest.http.parameters import CaseId, GroupId
from tcm_rest.http.problem_docs import BODY_PROBLEMS, problems
from tcm_rest.http.responses import ETAG_HEADER, created, resource
from tcm_rest.paths import location


class TestCaseRoutes(Controller):
    path = "/"
    tags = ("Test cases",)

    @get(
        "/test-groups/{group_id:uuid}/cases", operation_id="listTestCases", responses=problems(400, 401, 404, 422)
    )
    async def list_cases(
        self,
        platform: UseCases,
        principal: Caller,
        group_id: GroupId,
        limit: Limit = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> TestCasePage:
        """Oldest first."""
        page = await platform.cases.list_for_group(principal, group_id, page_request(limit, cursor))
        return TestCasePage(
            items=[TestCase.of(view) for view in page.nodes],
            next_cursor=page.next_cursor,
            total_count=page.total_count,
        )

    @post(
        "/test-groups/{group_id:uuid}/cases",
        operation_id="createTestCase",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 422),
    )
    async def create_case(
        self, platform: UseCases, principal: Caller, group_id: GroupId, data: JSONBody[TestCaseCreate]
    ) -> Response[TestCase]:
        case = await platform.cases.create(principal, group_id, data.fields())
        return created(TestCase.of(case), case.version, location("test-cases", case.id))

    @get(
        "/test-cases/{case_id:uuid}",
        operation_id="getTestCase",
        response_headers=[ETAG_HEADER],
        responses=problems(400, 401, 404),
    )
    async def get_case(self, platform: UseCases, principal: Caller, case_id: CaseId) -> Response[TestCase]:
        case = await platform.cases.get(principal, case_id)
        return resource(TestCase.of(case), case.version)

    @patch(
        "/test-cases/{case_id:uuid}",
        operation_id="updateTestCase",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 412, 422, 428),
    )
    async def update_case(
        self,
        platform: UseCases,
        principal: Caller,
        case_id: CaseId,
        data: JSONBody[TestCaseUpdate],
        if_match: IfMatch = None,
    ) -> Response[TestCase]:
        case = await platform.cases.update(principal, case_id, data.patch(), expected_version(if_match))
        return resource(TestCase.of(case), case.version)

    @delete(
        "/test-cases/{case_id:uuid}",
        operation_id="deleteTestCase",
        responses=problems(400, 401, 403, 404, 409, 412, 428),
    )
    async def delete_case(
        self, platform: UseCases, principal: Caller, case_id: CaseId, if_match: IfMatch = None
    ) -> None:
        """Its history and effort records go with it."""
        await platform.cases.delete(principal, case_id, expected_version=expected_version(if_match))

    @post(
        "/test-cases/{case_id:uuid}/status",
        status_code=200,
        operation_id="changeTestCaseStatus",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 412, 422, 428),
    )
    async def change_status(
        self,
        platform: UseCases,
        principal: Caller,
        case_id: CaseId,
        data: JSONBody[TestCaseStatusChange],
        if_match: IfMatch = None,
    ) -> Response[TestCase]:
        """Recorded in the case's history, with the reason given."""
        result = await platform.cases.change_status(
            principal,
            case_id,
            data.status,
            reason=data.reason,
            expected_version=expected_version(if_match),
        )
        return resource(TestCase.of(result.case), result.case.version)
