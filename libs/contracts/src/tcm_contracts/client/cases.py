"""Client of testsuite.v1.TestCaseService: cases, their status and history."""

from __future__ import annotations

from tcm_contracts.client.credentials import Metadata
from tcm_contracts.client.service_client import ServiceClient
from tcm_contracts.descriptors import TEST_CASE_SERVICE
from tcm_contracts.generated.testsuite import v1


class TestCaseClient(ServiceClient):
    SERVICE = TEST_CASE_SERVICE

    async def list_test_cases(
        self,
        request: v1.ListTestCasesRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ListTestCasesResponse:
        return await self._unary(
            "ListTestCases", request, v1.ListTestCasesResponse, timeout=timeout, metadata=metadata
        )

    async def get_test_case(
        self,
        request: v1.GetTestCaseRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.GetTestCaseResponse:
        return await self._unary(
            "GetTestCase", request, v1.GetTestCaseResponse, timeout=timeout, metadata=metadata
        )

    async def create_test_case(
        self,
        request: v1.CreateTestCaseRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.CreateTestCaseResponse:
        return await self._unary(
            "CreateTestCase", request, v1.CreateTestCaseResponse, timeout=timeout, metadata=metadata
        )

    async def update_test_case(
        self,
        request: v1.UpdateTestCaseRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.UpdateTestCaseResponse:
        return await self._unary(
            "UpdateTestCase", request, v1.UpdateTestCaseResponse, timeout=timeout, metadata=metadata
        )

    async def delete_test_case(
        self,
        request: v1.DeleteTestCaseRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.DeleteTestCaseResponse:
        return await self._unary(
            "DeleteTestCase", request, v1.DeleteTestCaseResponse, timeout=timeout, metadata=metadata
        )

    async def change_test_case_status(
        self,
        request: v1.ChangeTestCaseStatusRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ChangeTestCaseStatusResponse:
        return await self._unary(
            "ChangeTestCaseStatus",
            request,
            v1.ChangeTestCaseStatusResponse,
            timeout=timeout,
            metadata=metadata,
        )

    async def list_test_case_history(
        self,
        request: v1.ListTestCaseHistoryRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ListTestCaseHistoryResponse:
        return await self._unary(
            "ListTestCaseHistory", request, v1.ListTestCaseHistoryResponse, timeout=timeout, metadata=metadata
        )
