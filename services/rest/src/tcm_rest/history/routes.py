"""/test-cases/{id}/history: the status changes of a case, oldest first."""

from __future__ import annotations

from litestar import Controller, get

from tcm_rest.dependencies import Caller, UseCases
from tcm_rest.history.messages import StatusChange
from tcm_rest.http.parameters import CaseId
from tcm_rest.http.problem_docs import problems


class HistoryRoutes(Controller):
    path = "/test-cases/{case_id:uuid}/history"
    tags = ("Test cases",)

    @get("/", operation_id="getTestCaseHistory", responses=problems(400, 401, 404))
    async def history(self, platform: UseCases, principal: Caller, case_id: CaseId) -> list[StatusChange]:
        return [StatusChange.of(entry) for entry in await platform.cases.history(principal, case_id)]
