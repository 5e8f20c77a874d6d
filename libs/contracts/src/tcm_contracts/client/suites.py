"""Client of testsuite.v1.TestSuiteService: suites, their status and their change stream."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from tcm_contracts.client.credentials import Metadata
from tcm_contracts.client.service_client import ServiceClient
from tcm_contracts.descriptors import TEST_SUITE_SERVICE
from tcm_contracts.generated.testsuite import v1


class TestSuiteClient(ServiceClient):
    SERVICE = TEST_SUITE_SERVICE

    async def list_test_suites(
        self,
        request: v1.ListTestSuitesRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ListTestSuitesResponse:
        return await self._unary(
            "ListTestSuites", request, v1.ListTestSuitesResponse, timeout=timeout, metadata=metadata
        )

    async def get_test_suite(
        self,
        request: v1.GetTestSuiteRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.GetTestSuiteResponse:
        return await self._unary(
            "GetTestSuite", request, v1.GetTestSuiteResponse, timeout=timeout, metadata=metadata
        )

    async def create_test_suite(
        self,
        request: v1.CreateTestSuiteRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.CreateTestSuiteResponse:
        return await self._unary(
            "CreateTestSuite", request, v1.CreateTestSuiteResponse, timeout=timeout, metadata=metadata
        )

    async def update_test_suite(
        self,
        request: v1.UpdateTestSuiteRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.UpdateTestSuiteResponse:
        return await self._unary(
            "UpdateTestSuite", request, v1.UpdateTestSuiteResponse, timeout=timeout, metadata=metadata
        )

    async def delete_test_suite(
        self,
        request: v1.DeleteTestSuiteRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.DeleteTestSuiteResponse:
        return await self._unary(
            "DeleteTestSuite", request, v1.DeleteTestSuiteResponse, timeout=timeout, metadata=metadata
        )

    async def change_test_suite_status(
        self,
        request: v1.ChangeTestSuiteStatusRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ChangeTestSuiteStatusResponse:
        return await self._unary(
            "ChangeTestSuiteStatus",
            request,
            v1.ChangeTestSuiteStatusResponse,
            timeout=timeout,
            metadata=metadata,
        )

    def watch_test_suite(
        self,
        request: v1.WatchTestSuiteRequest,
        *,
        timeout: float,
        metadata: Metadata = (),
    ) -> AsyncGenerator[v1.WatchTestSuiteResponse, None]:
        """Server stream; the timeout bounds the whole stream. Close it (aclose) to stop early."""
        return self._server_stream(
            "WatchTestSuite", request, v1.WatchTestSuiteResponse, timeout=timeout, metadata=metadata
        )
