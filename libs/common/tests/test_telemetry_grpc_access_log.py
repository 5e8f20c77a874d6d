"""The gRPC access log on a small grpc.aio server: one line per call of every kind (unary, streams
written or yielded, unknown methods), with the status the call ended with and the caller once known."""

import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any

import grpc
import grpc.aio
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from tcm_common.domain.principal import Principal, Role
from tcm_common.rpc.access_log import AccessLogInterceptor
from tcm_common.telemetry.caller import record_caller
from tcm_common.testing.waiting import eventually

CALLER = Principal(uuid.uuid4(), "grpc_caller", Role.MANAGER)


async def signed_in(_request: bytes, _context: grpc.aio.ServicerContext[Any, Any]) -> bytes:
    record_caller(CALLER)  # what authentication does once it accepted a credential
    return b"done"


async def missing(_request: bytes, context: grpc.aio.ServicerContext[Any, Any]) -> bytes:
    await context.abort(grpc.StatusCode.NOT_FOUND, "no such thing")


async def counting(_request: bytes, _context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[bytes]:
    for number in range(3):
        yield str(number).encode()


@pytest.fixture
async def channel() -> AsyncIterator[grpc.aio.Channel]:
    server = grpc.aio.server(interceptors=[AccessLogInterceptor()])
    health_pb2_grpc.add_HealthServicer_to_server(health.aio.HealthServicer(), server)
    server.add_generic_rpc_handlers(
        [
            grpc.method_handlers_generic_handler(
                "test.Calls",
                {
                    "SignedIn": grpc.unary_unary_rpc_method_handler(signed_in),
                    "Missing": grpc.unary_unary_rpc_method_handler(missing),
                    "Counting": grpc.unary_stream_rpc_method_handler(counting),
                },
            )
        ]
    )
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        yield channel
    await server.stop(None)


def same(data: bytes) -> bytes:
    return data


def unary(channel: grpc.aio.Channel, method: str) -> grpc.aio.UnaryUnaryMultiCallable[bytes, bytes]:
    return channel.unary_unary(f"/test.Calls/{method}", request_serializer=same, response_deserializer=same)


def access_lines(caplog: pytest.LogCaptureFixture) -> dict[str, dict[str, Any]]:
    return {record.getMessage(): vars(record) for record in caplog.records if record.name == "tcm.access"}


async def test_each_call_is_one_line_with_its_status_and_the_caller(
    channel: grpc.aio.Channel, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "tcm.access")
    assert await unary(channel, "SignedIn")(b"", metadata=(("x-forwarded-for", "203.0.113.9"),)) == b"done"
    with pytest.raises(grpc.aio.AioRpcError):
        await unary(channel, "Missing")(b"")
    counting_call = channel.unary_stream("/test.Calls/Counting", request_serializer=same, response_deserializer=same)
    assert [answer async for answer in counting_call(b"")] == [b"0", b"1", b"2"]
    with pytest.raises(grpc.aio.AioRpcError):
        await unary(channel, "Unknown")(b"")
    watch = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest())
    await watch.read()  # the Watch servicer writes with context.write instead of yielding
    watch.cancel()
    # The server writes the cancelled call's line once it notices the cancellation.
    await eventually(lambda: "/grpc.health.v1.Health/Watch CANCELLED" in access_lines(caplog))

    lines = access_lines(caplog)
    signed = lines["/test.Calls/SignedIn OK"]
    assert signed["rpc"]["client"] == "203.0.113.9"
    assert signed["user"] == {"id": str(CALLER.user_id), "role": "MANAGER"}
    assert lines["/test.Calls/Missing NOT_FOUND"]["rpc"]["method"] == "Missing"
    assert "user" not in lines["/test.Calls/Missing NOT_FOUND"]
    assert lines["/test.Calls/Counting OK"]["rpc"]["client"] == "127.0.0.1"
    assert lines["/test.Calls/Unknown UNIMPLEMENTED"]["rpc"]["service"] == "test.Calls"
    assert lines["/grpc.health.v1.Health/Watch CANCELLED"]["rpc"]["duration_ms"] >= 0
