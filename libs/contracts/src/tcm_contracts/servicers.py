"""Typed base classes of the testsuite.v1 servicers (the server side of the contract).

A servicer implements RPCs as methods named like them in snake case (`GetTestSuite` ->
`get_test_suite`): unary RPCs as `async def`, server-streaming RPCs as async generators. Each method
receives the betterproto2 request (a client-streaming RPC: an async iterator of the requests) and the
`grpc.aio.ServicerContext`. Methods a subclass does not
override answer UNIMPLEMENTED. Register an instance with `tcm_contracts.service_handlers.add_servicer`.

A test in tests/test_contracts_servicers.py keeps these classes in step with the .proto files.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, ClassVar, Never, TypeAlias

import grpc
import grpc.aio

from tcm_contracts import descriptors
from tcm_contracts.generated.testsuite import v1

Context: TypeAlias = "grpc.aio.ServicerContext[Any, Any]"  # generic only in the stubs


class Servicer:
    """Base of every servicer: names the service it implements."""

    SERVICE: ClassVar[str]


class TestSuiteServicer(Servicer):
    SERVICE = descriptors.TEST_SUITE_SERVICE

    async def list_test_suites(
        self, _request: v1.ListTestSuitesRequest, context: Context
    ) -> v1.ListTestSuitesResponse:
        await _unimplemented(context)

    async def get_test_suite(
        self, _request: v1.GetTestSuiteRequest, context: Context
    ) -> v1.GetTestSuiteResponse:
        await _unimplemented(context)

    async def create_test_suite(
        self, _request: v1.CreateTestSuiteRequest, context: Context
    ) -> v1.CreateTestSuiteResponse:
        await _unimplemented(context)

    async def update_test_suite(
        self, _request: v1.UpdateTestSuiteRequest, context: Context
    ) -> v1.UpdateTestSuiteResponse:
        await _unimplemented(context)

    async def delete_test_suite(
        self, _request: v1.DeleteTestSuiteRequest, context: Context
    ) -> v1.DeleteTestSuiteResponse:
        await _unimplemented(context)

    async def change_test_suite_status(
        self, _request: v1.ChangeTestSuiteStatusRequest, context: Context
    ) -> v1.ChangeTestSuiteStatusResponse:
        await _unimplemented(context)

    def watch_test_suite(
        self, _request: v1.WatchTestSuiteRequest, context: Context
    ) -> AsyncIterator[v1.WatchTestSuiteResponse]:
        return _Unimplemented(context)


class TestGroupServicer(Servicer):
    SERVICE = descriptors.TEST_GROUP_SERVICE

    async def list_test_groups(
        self, _request: v1.ListTestGroupsRequest, context: Context
    ) -> v1.ListTestGroupsResponse:
        await _unimplemented(context)

    async def get_test_group(
        self, _request: v1.GetTestGroupRequest, context: Context
    ) -> v1.GetTestGroupResponse:
        await _unimplemented(context)

    async def create_test_group(
        self, _request: v1.CreateTestGroupRequest, context: Context
    ) -> v1.CreateTestGroupResponse:
        await _unimplemented(context)

    async def update_test_group(
        self, _request: v1.UpdateTestGroupRequest, context: Context
    ) -> v1.UpdateTestGroupResponse:
        await _unimplemented(context)

    async def delete_test_group(
        self, _request: v1.DeleteTestGroupRequest, context: Context
    ) -> v1.DeleteTestGroupResponse:
        await _unimplemented(context)

    async def reorder_test_groups(
        self, _request: v1.ReorderTestGroupsRequest, context: Context
    ) -> v1.ReorderTestGroupsResponse:
        await _unimplemented(context)


class TestCaseServicer(Servicer):
    SERVICE = descriptors.TEST_CASE_SERVICE

    async def list_test_cases(
        self, _request: v1.ListTestCasesRequest, context: Context
    ) -> v1.ListTestCasesResponse:
        await _unimplemented(context)

    async def get_test_case(self, _request: v1.GetTestCaseRequest, context: Context) -> v1.GetTestCaseResponse:
        await _unimplemented(context)

    async def create_test_case(
        self, _request: v1.CreateTestCaseRequest, context: Context
    ) -> v1.CreateTestCaseResponse:
        await _unimplemented(context)

    async def update_test_case(
        self, _request: v1.UpdateTestCaseRequest, context: Context
    ) -> v1.UpdateTestCaseResponse:
        await _unimplemented(context)

    async def delete_test_case(
        self, _request: v1.DeleteTestCaseRequest, context: Context
    ) -> v1.DeleteTestCaseResponse:
        await _unimplemented(context)

    async def change_test_case_status(
        self, _request: v1.ChangeTestCaseStatusRequest, context: Context
    ) -> v1.ChangeTestCaseStatusResponse:
        await _unimplemented(context)

    async def list_test_case_history(
        self, _request: v1.ListTestCaseHistoryRequest, context: Context
    ) -> v1.ListTestCaseHistoryResponse:
        await _unimplemented(context)


class EffortServicer(Servicer):
    SERVICE = descriptors.EFFORT_SERVICE

    async def record_effort(
        self, _request: v1.RecordEffortRequest, context: Context
    ) -> v1.RecordEffortResponse:
        await _unimplemented(context)

    async def list_effort_records(
        self, _request: v1.ListEffortRecordsRequest, context: Context
    ) -> v1.ListEffortRecordsResponse:
        await _unimplemented(context)


class TestRunServicer(Servicer):
    SERVICE = descriptors.TEST_RUN_SERVICE

    async def create_test_run(
        self, _request: v1.CreateTestRunRequest, context: Context
    ) -> v1.CreateTestRunResponse:
        await _unimplemented(context)

    async def get_test_run(self, _request: v1.GetTestRunRequest, context: Context) -> v1.GetTestRunResponse:
        await _unimplemented(context)

    async def list_test_runs(self, _request: v1.ListTestRunsRequest, context: Context) -> v1.ListTestRunsResponse:
        await _unimplemented(context)

    async def update_test_run(
        self, _request: v1.UpdateTestRunRequest, context: Context
    ) -> v1.UpdateTestRunResponse:
        await _unimplemented(context)

    async def start_test_run(self, _request: v1.StartTestRunRequest, context: Context) -> v1.StartTestRunResponse:
        await _unimplemented(context)

    async def complete_test_run(
        self, _request: v1.CompleteTestRunRequest, context: Context
    ) -> v1.CompleteTestRunResponse:
        await _unimplemented(context)

    async def abort_test_run(self, _request: v1.AbortTestRunRequest, context: Context) -> v1.AbortTestRunResponse:
        await _unimplemented(context)

    async def reopen_test_run(
        self, _request: v1.ReopenTestRunRequest, context: Context
    ) -> v1.ReopenTestRunResponse:
        await _unimplemented(context)

    async def delete_test_run(
        self, _request: v1.DeleteTestRunRequest, context: Context
    ) -> v1.DeleteTestRunResponse:
        await _unimplemented(context)

    async def assign_run_entries(
        self, _request: v1.AssignRunEntriesRequest, context: Context
    ) -> v1.AssignRunEntriesResponse:
        await _unimplemented(context)

    async def record_run_result(
        self, _request: v1.RecordRunResultRequest, context: Context
    ) -> v1.RecordRunResultResponse:
        await _unimplemented(context)

    async def set_automation_key(
        self, _request: v1.SetAutomationKeyRequest, context: Context
    ) -> v1.SetAutomationKeyResponse:
        await _unimplemented(context)

    async def report_results(
        self, _requests: AsyncIterator[v1.ReportResultsRequest], context: Context
    ) -> v1.ReportResultsResponse:
        """Client stream: `_requests` yields the messages the client sends."""
        await _unimplemented(context)

    def watch_test_run(
        self, _request: v1.WatchTestRunRequest, context: Context
    ) -> AsyncIterator[v1.WatchTestRunResponse]:
        return _Unimplemented(context)


async def _unimplemented(context: Context) -> Never:
    await context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented")


class _Unimplemented(AsyncIterator[Never]):
    """A server stream that ends the call with UNIMPLEMENTED."""

    def __init__(self, context: Context) -> None:
        self._context = context

    async def __anext__(self) -> Never:
        await _unimplemented(self._context)
