"""testsuite.v1.TestCaseService: cases, their status workflow and history."""

from __future__ import annotations

from decimal import Decimal

from tcm_common.domain.case import CaseFields, CasePatch
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.patch import UNSET, Unset
from tcm_common.domain.priority import Priority
from tcm_common.platform import Platform
from tcm_contracts.generated.testsuite import v1
from tcm_contracts.servicers import Context, TestCaseServicer
from tcm_grpc.authentication import current_principal
from tcm_grpc.conversions import (
    decimal_of,
    domain_enum,
    given,
    optional_domain_enum,
    required_version,
    uuid_of,
)
from tcm_grpc.messages import case_message, status_change_message
from tcm_grpc.paging import next_page_token, page_request


class TestCases(TestCaseServicer):
    def __init__(self, platform: Platform) -> None:
        self._platform = platform

    async def list_test_cases(self, request: v1.ListTestCasesRequest, _context: Context) -> v1.ListTestCasesResponse:
        principal = current_principal()
        group_id = uuid_of(request.group_id, "group_id")
        status = optional_domain_enum(request.status, CaseStatus, "status")
        page = await self._platform.cases.list_for_group(
            principal, group_id, page_request(request.page_size, request.page_token), status=status
        )
        return v1.ListTestCasesResponse(
            test_cases=[case_message(view) for view in page.nodes],
            next_page_token=next_page_token(page),
        )

    async def get_test_case(self, request: v1.GetTestCaseRequest, _context: Context) -> v1.GetTestCaseResponse:
        case = await self._platform.cases.get(current_principal(), uuid_of(request.id, "id"))
        return v1.GetTestCaseResponse(test_case=case_message(case))

    async def create_test_case(self, request: v1.CreateTestCaseRequest, _context: Context) -> v1.CreateTestCaseResponse:
        principal = current_principal()
        fields = CaseFields(
            title=request.title,
            description=request.description,
            priority=optional_domain_enum(request.priority, Priority, "priority") or Priority.MEDIUM,
            planned_effort=decimal_of(request.planned_effort) if request.planned_effort is not None else None,
        )
        case = await self._platform.cases.create(principal, uuid_of(request.group_id, "group_id"), fields)
        return v1.CreateTestCaseResponse(test_case=case_message(case))

    async def update_test_case(self, request: v1.UpdateTestCaseRequest, _context: Context) -> v1.UpdateTestCaseResponse:
        principal = current_principal()
        patch = CasePatch(
            title=given(request.title),
            description=given(request.description),
            priority=UNSET if request.priority is None else domain_enum(request.priority, Priority, "priority"),
            planned_effort=_planned_effort_change(request),
        )
        case = await self._platform.cases.update(
            principal, uuid_of(request.id, "id"), patch, required_version(request.version)
        )
        return v1.UpdateTestCaseResponse(test_case=case_message(case))

    async def delete_test_case(self, request: v1.DeleteTestCaseRequest, _context: Context) -> v1.DeleteTestCaseResponse:
        await self._platform.cases.delete(
            current_principal(), uuid_of(request.id, "id"), expected_version=request.version
        )
        return v1.DeleteTestCaseResponse()

    async def change_test_case_status(
        self, request: v1.ChangeTestCaseStatusRequest, _context: Context
    ) -> v1.ChangeTestCaseStatusResponse:
        result = await self._platform.cases.change_status(
            current_principal(),
            uuid_of(request.id, "id"),
            domain_enum(request.status, CaseStatus, "status"),
            reason=request.reason,
            expected_version=required_version(request.version),
        )
        return v1.ChangeTestCaseStatusResponse(
            test_case=case_message(result.case), status_change=status_change_message(result.entry)
        )

    async def list_test_case_history(
        self, request: v1.ListTestCaseHistoryRequest, _context: Context
    ) -> v1.ListTestCaseHistoryResponse:
        case_id = uuid_of(request.case_id, "case_id")
        page = await self._platform.cases.history(
            current_principal(), case_id, page_request(request.page_size, request.page_token)
        )
        return v1.ListTestCaseHistoryResponse(
            status_changes=[status_change_message(entry) for entry in page.nodes],
            next_page_token=next_page_token(page),
        )


def _planned_effort_change(request: v1.UpdateTestCaseRequest) -> Decimal | Unset | None:
    if request.clear_planned_effort:
        if request.planned_effort is not None:
            raise ValidationFailed.single("clear_planned_effort", "cannot be combined with planned_effort")
        return None
    return UNSET if request.planned_effort is None else decimal_of(request.planned_effort)
