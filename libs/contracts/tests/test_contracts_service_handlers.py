"""The generic servicer adapter: registration from the descriptors, errors, unimplemented RPCs."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc
import grpc.aio
import pytest
from contracts_fakes import FakeSuites
from contracts_harness import GrpcHarness

from tcm_contracts import descriptors
from tcm_contracts.client import NO_RETRIES, EffortClient, TestCaseClient, TestGroupClient, TestSuiteClient
from tcm_contracts.generated.testsuite import v1
from tcm_contracts.service_handlers import INTERNAL_ERROR_DETAILS, add_servicer, method_handlers
from tcm_contracts.servicers import Context, TestCaseServicer, TestGroupServicer, TestSuiteServicer

TIMEOUT = 5.0


class Exploding(TestCaseServicer):
    async def get_test_case(self, request: v1.GetTestCaseRequest, _context: Context) -> v1.GetTestCaseResponse:
        raise KeyError(f"secret table row {request.id}")

    async def list_test_cases(
        self, _request: v1.ListTestCasesRequest, _context: Context
    ) -> v1.ListTestCasesResponse:
        return v1.GetTestCaseResponse()  # type: ignore[return-value]

    async def delete_test_case(
        self, _request: v1.DeleteTestCaseRequest, _context: Context
    ) -> v1.DeleteTestCaseResponse:
        raise RuntimeError("connection to db-internal.local refused")


class ExplodingStream(TestSuiteServicer):
    async def watch_test_suite(
        self, request: v1.WatchTestSuiteRequest, _context: Context
    ) -> AsyncIterator[v1.WatchTestSuiteResponse]:
        yield v1.WatchTestSuiteResponse(suite_id=request.id, kind=v1.TestSuiteChangeKind.SNAPSHOT)
        raise KeyError(request.id)


async def map_key_errors(error: Exception, context: Context) -> None:
    if isinstance(error, KeyError):
        await context.abort(grpc.StatusCode.NOT_FOUND, "not found")


def test_handlers_cover_every_rpc_of_the_service() -> None:
    handlers = method_handlers(descriptors.TEST_SUITE_SERVICE, FakeSuites())

    assert set(handlers) == {rpc.name for rpc in descriptors.service_rpcs(descriptors.TEST_SUITE_SERVICE)}
    assert handlers["WatchTestSuite"].unary_stream is not None
    assert handlers["GetTestSuite"].unary_unary is not None


def test_an_object_missing_a_method_is_refused_at_registration() -> None:
    class Partial:
        async def record_effort(self, _request: Any, _context: Any) -> Any:
            return None

    with pytest.raises(TypeError, match="list_effort_records"):
        method_handlers(descriptors.EFFORT_SERVICE, Partial())


async def test_any_object_with_the_methods_can_serve(grpc_harness: GrpcHarness) -> None:
    class DuckEfforts:  # no base class: only the method names matter
        async def record_effort(
            self, request: v1.RecordEffortRequest, _context: Context
        ) -> v1.RecordEffortResponse:
            return v1.RecordEffortResponse(effort_record=v1.EffortRecord(hours=request.hours))

        async def list_effort_records(
            self, _request: v1.ListEffortRecordsRequest, _context: Context
        ) -> v1.ListEffortRecordsResponse:
            return v1.ListEffortRecordsResponse()

    server = grpc.aio.server()
    add_servicer(server, DuckEfforts(), service=descriptors.EFFORT_SERVICE)
    port = server.add_insecure_port("127.0.0.1:0")
    grpc_harness.servers.append(server)
    await server.start()
    client = EffortClient(grpc_harness.channel(f"127.0.0.1:{port}"), token="t")

    response = await client.record_effort(v1.RecordEffortRequest(case_id="c", hours=2.5), timeout=TIMEOUT)

    assert response.effort_record is not None
    assert response.effort_record.hours == 2.5


async def test_an_object_naming_no_service_needs_one_given() -> None:
    server = grpc.aio.server()
    with pytest.raises(TypeError, match="SERVICE"):
        add_servicer(server, object())
    await server.stop(None)


async def test_rpcs_a_servicer_does_not_override_answer_unimplemented(grpc_harness: GrpcHarness) -> None:
    channel = await grpc_harness.channel_to(TestGroupServicer(), TestSuiteServicer())
    groups = TestGroupClient(channel, token="t")
    suites = TestSuiteClient(channel, token="t")

    with pytest.raises(grpc.aio.AioRpcError) as unary:
        await groups.reorder_test_groups(v1.ReorderTestGroupsRequest(suite_id="s"), timeout=TIMEOUT)
    with pytest.raises(grpc.aio.AioRpcError) as stream:
        await anext(suites.watch_test_suite(v1.WatchTestSuiteRequest(id="s"), timeout=TIMEOUT))

    assert unary.value.code() == grpc.StatusCode.UNIMPLEMENTED
    assert stream.value.code() == grpc.StatusCode.UNIMPLEMENTED


async def test_an_unexpected_exception_is_internal_without_internals(
    grpc_harness: GrpcHarness, caplog: pytest.LogCaptureFixture
) -> None:
    client = TestCaseClient(await grpc_harness.channel_to(Exploding()), token="t", retry=NO_RETRIES)

    with caplog.at_level(logging.ERROR), pytest.raises(grpc.aio.AioRpcError) as error:
        await client.delete_test_case(v1.DeleteTestCaseRequest(id="c"), timeout=TIMEOUT)

    assert error.value.code() == grpc.StatusCode.INTERNAL
    assert error.value.details() == INTERNAL_ERROR_DETAILS
    assert "db-internal" not in str(error.value.debug_error_string())
    assert "db-internal.local refused" in caplog.text  # logged on the server side


async def test_a_response_of_the_wrong_type_is_internal(grpc_harness: GrpcHarness) -> None:
    client = TestCaseClient(await grpc_harness.channel_to(Exploding()), token="t")

    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.list_test_cases(v1.ListTestCasesRequest(group_id="g"), timeout=TIMEOUT)

    assert error.value.code() == grpc.StatusCode.INTERNAL
    assert error.value.details() == INTERNAL_ERROR_DETAILS


async def test_the_error_handler_maps_exceptions_to_status_codes(grpc_harness: GrpcHarness) -> None:
    channel = await grpc_harness.channel_to(Exploding(), ExplodingStream(), on_error=map_key_errors)
    cases = TestCaseClient(channel, token="t")
    suites = TestSuiteClient(channel, token="t")

    with pytest.raises(grpc.aio.AioRpcError) as mapped:
        await cases.get_test_case(v1.GetTestCaseRequest(id="c"), timeout=TIMEOUT)
    with pytest.raises(grpc.aio.AioRpcError) as unmapped:
        await cases.delete_test_case(v1.DeleteTestCaseRequest(id="c"), timeout=TIMEOUT)
    stream = suites.watch_test_suite(v1.WatchTestSuiteRequest(id="s"), timeout=TIMEOUT)
    first = await anext(stream)
    with pytest.raises(grpc.aio.AioRpcError) as in_stream:
        await anext(stream)

    assert (mapped.value.code(), mapped.value.details()) == (grpc.StatusCode.NOT_FOUND, "not found")
    assert unmapped.value.code() == grpc.StatusCode.INTERNAL
    assert first.kind is v1.TestSuiteChangeKind.SNAPSHOT
    assert in_stream.value.code() == grpc.StatusCode.NOT_FOUND


async def test_server_interceptors_see_the_registered_rpcs(grpc_harness: GrpcHarness) -> None:
    seen: list[str] = []

    class Recording(grpc.aio.ServerInterceptor):
        async def intercept_service(
            self,
            continuation: Callable[
                [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]
            ],
            handler_call_details: grpc.HandlerCallDetails,
        ) -> grpc.RpcMethodHandler[Any, Any] | None:
            seen.append(handler_call_details.method)
            return await continuation(handler_call_details)

    server = grpc.aio.server(interceptors=[Recording()])
    add_servicer(server, FakeSuites())
    port = server.add_insecure_port("127.0.0.1:0")
    grpc_harness.servers.append(server)
    await server.start()
    client = TestSuiteClient(grpc_harness.channel(f"127.0.0.1:{port}"), token="t")

    await client.list_test_suites(v1.ListTestSuitesRequest(), timeout=TIMEOUT)

    assert seen == ["/testsuite.v1.TestSuiteService/ListTestSuites"]
