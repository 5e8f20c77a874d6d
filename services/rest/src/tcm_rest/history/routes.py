"""/test-cases/{id}/history: the status changes of a case, oldest first, a page at a time."""

from __future__ import annotations

from litestar import Controller, get

from tcm_common.application.pagination import DEFAULT_PAGE_SIZE
from tcm_rest.dependencies import Caller, UseCases
from tcm_rest.history.messages import StatusChange, StatusChangePage
from tcm_rest.http.pagination import Cursor, Limit, page_request
from tcm_rest.http.parameters import CaseId
from tcm_rest.http.problem_docs import problems


class HistoryRoutes(Controller):
    path = "/test-cases/{case_id:uuid}/history"
    tags = ("Test cases",)

    @get("/", operation_id="getTestCaseHistory", responses=problems(400, 401, 404, 422))
    async def history(
        self,
        platform: UseCases,
        principal: Caller,
        case_id: CaseId,
        limit: Limit = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> StatusChangePage:
        page = await platform.cases.history(principal, case_id, page_request(limit, cursor))
        return StatusChangePage(
            items=[StatusChange.of(entry) for entry in page.nodes],
            next_cursor=page.next_cursor,
            total_count=page.total_count,
        )
