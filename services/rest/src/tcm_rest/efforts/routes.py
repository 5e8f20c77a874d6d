"""/test-cases/{id}/efforts: record hours spent on a case, and list them."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import JSONBody

from tcm_rest.dependencies import Caller, UseCases
from tcm_rest.efforts.messages import EffortRecord, EffortRecordCreate
from tcm_rest.http.parameters import CaseId
from tcm_rest.http.problem_docs import BODY_PROBLEMS, problems


class EffortRoutes(Controller):
    path = "/test-cases/{case_id:uuid}/efforts"
    tags = ("Test cases",)

    @get("/", operation_id="listEffortRecords", responses=problems(400, 401, 404))
    async def list_efforts(self, platform: UseCases, principal: Caller, case_id: CaseId) -> list[EffortRecord]:
        """By work date, then by when they were recorded."""
        return [EffortRecord.of(entry) for entry in await platform.efforts.list_for_case(principal, case_id)]

    @post("/", operation_id="recordEffort", responses=problems(*BODY_PROBLEMS, 401, 404, 409, 422))
    async def record_effort(
        self, platform: UseCases, principal: Caller, case_id: CaseId, data: JSONBody[EffortRecordCreate]
    ) -> EffortRecord:
        result = await platform.efforts.record(principal, case_id, data.fields())
        return EffortRecord.of(result.entry)
