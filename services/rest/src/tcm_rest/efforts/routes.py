"""/test-cases/{id}/efforts: record hours spent on a case, and list them."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import JSONBody

from tcm_common.application.pagination import DEFAULT_PAGE_SIZE
from tcm_rest.dependencies import Caller, UseCases
from tcm_rest.efforts.messages import EffortRecord, EffortRecordCreate, EffortRecordPage
from tcm_rest.http.pagination import Cursor, Limit, page_request
from tcm_rest.http.parameters import CaseId
from tcm_rest.http.problem_docs import BODY_PROBLEMS, problems


class EffortRoutes(Controller):
    path = "/test-cases/{case_id:uuid}/efforts"
    tags = ("Test cases",)

    @get("/", operation_id="listEffortRecords", responses=problems(400, 401, 404, 422))
    async def list_efforts(
        self,
        platform: UseCases,
        principal: Caller,
        case_id: CaseId,
        limit: Limit = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> EffortRecordPage:
        """By work date, then by when they were recorded."""
        page = await platform.efforts.list_for_case(principal, case_id, page_request(limit, cursor))
        return EffortRecordPage(
            items=[EffortRecord.of(entry) for entry in page.nodes],
            next_cursor=page.next_cursor,
            total_count=page.total_count,
        )

    @post("/", operation_id="recordEffort", responses=problems(*BODY_PROBLEMS, 401, 404, 409, 422))
    async def record_effort(
        self, platform: UseCases, principal: Caller, case_id: CaseId, data: JSONBody[EffortRecordCreate]
    ) -> EffortRecord:
        result = await platform.efforts.record(principal, case_id, data.fields())
        return EffortRecord.of(result.entry)
