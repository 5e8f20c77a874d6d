"""testsuite.v1.EffortService: hours spent on cases."""

from __future__ import annotations

from tcm_common.domain.effort import EffortFields
from tcm_common.platform import Platform
from tcm_contracts.generated.testsuite import v1
from tcm_contracts.servicers import Context, EffortServicer
from tcm_grpc.authentication import current_principal
from tcm_grpc.conversions import decimal_of, required_date_of, uuid_of
from tcm_grpc.messages import case_message, effort_message
from tcm_grpc.paging import next_page_token, page_request


class Efforts(EffortServicer):
    def __init__(self, platform: Platform) -> None:
        self._platform = platform

    async def record_effort(self, request: v1.RecordEffortRequest, _context: Context) -> v1.RecordEffortResponse:
        principal = current_principal()
        case_id = uuid_of(request.case_id, "case_id")
        fields = EffortFields(
            work_date=required_date_of(request.date, "date"),
            hours=decimal_of(request.hours),
            comment=request.comment,
        )
        result = await self._platform.efforts.record(principal, case_id, fields)
        return v1.RecordEffortResponse(effort_record=effort_message(result.entry), test_case=case_message(result.case))

    async def list_effort_records(
        self, request: v1.ListEffortRecordsRequest, _context: Context
    ) -> v1.ListEffortRecordsResponse:
        principal = current_principal()
        case_id = uuid_of(request.case_id, "case_id")
        # The contract promises newest first.
        page = await self._platform.efforts.list_for_case(
            principal, case_id, page_request(request.page_size, request.page_token), newest_first=True
        )
        # Over all pages: the case's actual effort.
        [facts] = await self._platform.loaders(principal).case_facts([case_id])
        return v1.ListEffortRecordsResponse(
            effort_records=[effort_message(entry) for entry in page.nodes],
            next_page_token=next_page_token(page),
            total_hours=float(facts.actual_effort),
        )
