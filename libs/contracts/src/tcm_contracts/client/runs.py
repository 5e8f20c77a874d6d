"""Client of testsuite.v1.TestRunService: runs, their results, reported results and the change stream."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterable, Iterable

from tcm_contracts.client.credentials import Metadata
from tcm_contracts.client.service_client import ServiceClient
from tcm_contracts.descriptors import TEST_RUN_SERVICE
from tcm_contracts.generated.testsuite import v1


class TestRunClient(ServiceClient):
    SERVICE = TEST_RUN_SERVICE

    async def create_test_run(
        self,
        request: v1.CreateTestRunRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.CreateTestRunResponse:
        return await self._unary("CreateTestRun", request, v1.CreateTestRunResponse, timeout=timeout, metadata=metadata)

    async def get_test_run(
        self,
        request: v1.GetTestRunRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.GetTestRunResponse:
        return await self._unary("GetTestRun", request, v1.GetTestRunResponse, timeout=timeout, metadata=metadata)

    async def list_test_runs(
        self,
        request: v1.ListTestRunsRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ListTestRunsResponse:
        return await self._unary("ListTestRuns", request, v1.ListTestRunsResponse, timeout=timeout, metadata=metadata)

    async def update_test_run(
        self,
        request: v1.UpdateTestRunRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.UpdateTestRunResponse:
        return await self._unary("UpdateTestRun", request, v1.UpdateTestRunResponse, timeout=timeout, metadata=metadata)

    async def start_test_run(
        self,
        request: v1.StartTestRunRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.StartTestRunResponse:
        return await self._unary("StartTestRun", request, v1.StartTestRunResponse, timeout=timeout, metadata=metadata)

    async def complete_test_run(
        self,
        request: v1.CompleteTestRunRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.CompleteTestRunResponse:
        return await self._unary(
            "CompleteTestRun", request, v1.CompleteTestRunResponse, timeout=timeout, metadata=metadata
        )

    async def abort_test_run(
        self,
        request: v1.AbortTestRunRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.AbortTestRunResponse:
        return await self._unary("AbortTestRun", request, v1.AbortTestRunResponse, timeout=timeout, metadata=metadata)

    async def reopen_test_run(
        self,
        request: v1.ReopenTestRunRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ReopenTestRunResponse:
        return await self._unary("ReopenTestRun", request, v1.ReopenTestRunResponse, timeout=timeout, metadata=metadata)

    async def delete_test_run(
        self,
        request: v1.DeleteTestRunRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.DeleteTestRunResponse:
        return await self._unary("DeleteTestRun", request, v1.DeleteTestRunResponse, timeout=timeout, metadata=metadata)

    async def assign_run_entries(
        self,
        request: v1.AssignRunEntriesRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.AssignRunEntriesResponse:
        return await self._unary(
            "AssignRunEntries", request, v1.AssignRunEntriesResponse, timeout=timeout, metadata=metadata
        )

    async def record_run_result(
        self,
        request: v1.RecordRunResultRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.RecordRunResultResponse:
        return await self._unary(
            "RecordRunResult", request, v1.RecordRunResultResponse, timeout=timeout, metadata=metadata
        )

    async def set_automation_key(
        self,
        request: v1.SetAutomationKeyRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.SetAutomationKeyResponse:
        return await self._unary(
            "SetAutomationKey", request, v1.SetAutomationKeyResponse, timeout=timeout, metadata=metadata
        )

    async def report_results(
        self,
        requests: AsyncIterable[v1.ReportResultsRequest] | Iterable[v1.ReportResultsRequest],
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ReportResultsResponse:
        """Client stream: first a message with the target, then messages with results; the timeout
        bounds the whole stream. Never retried."""
        return await self._client_stream(
            "ReportResults", requests, v1.ReportResultsResponse, timeout=timeout, metadata=metadata
        )

    def watch_test_run(
        self,
        request: v1.WatchTestRunRequest,
        *,
        timeout: float,
        metadata: Metadata = (),
    ) -> AsyncGenerator[v1.WatchTestRunResponse, None]:
        """Server stream; the timeout bounds the whole stream. Close it (aclose) to stop early."""
        return self._server_stream("WatchTestRun", request, v1.WatchTestRunResponse, timeout=timeout, metadata=metadata)
