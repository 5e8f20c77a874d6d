"""Client of testsuite.v1.EffortService: effort records of cases."""

from __future__ import annotations

from tcm_contracts.client.credentials import Metadata
from tcm_contracts.client.service_client import ServiceClient
from tcm_contracts.descriptors import EFFORT_SERVICE
from tcm_contracts.generated.testsuite import v1


class EffortClient(ServiceClient):
    SERVICE = EFFORT_SERVICE

    async def record_effort(
        self,
        request: v1.RecordEffortRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.RecordEffortResponse:
        return await self._unary(
            "RecordEffort", request, v1.RecordEffortResponse, timeout=timeout, metadata=metadata
        )

    async def list_effort_records(
        self,
        request: v1.ListEffortRecordsRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ListEffortRecordsResponse:
        return await self._unary(
            "ListEffortRecords", request, v1.ListEffortRecordsResponse, timeout=timeout, metadata=metadata
        )
