"""Wraps the behavior of a grpc.aio method handler, keeping its (de)serializers: the part that the
server interceptors of this service share.

The testsuite.v1 contract has unary, server-streaming and client-streaming RPCs (ReportResults: its
behavior takes the request iterator and answers once, so it is wrapped like a unary one); health and
reflection add a bidirectional stream (reflection), which the interceptors pass through unchanged.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeAlias

import grpc

from tcm_contracts.servicers import Context

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"  # generic only in the stubs
UnaryBehavior: TypeAlias = Callable[[Any, Context], Awaitable[Any]]
StreamBehavior: TypeAlias = Callable[[Any, Context], AsyncIterator[Any]]


def wrap_behavior(
    handler: Handler,
    *,
    unary: Callable[[UnaryBehavior], UnaryBehavior],
    stream: Callable[[StreamBehavior], StreamBehavior],
) -> Handler:
    """A handler running `unary(behavior)` or `stream(behavior)` instead of the original behavior."""
    if handler.request_streaming and handler.response_streaming:
        return handler
    if handler.request_streaming:
        assert handler.stream_unary is not None
        return grpc.stream_unary_rpc_method_handler(
            unary(handler.stream_unary),  # type: ignore[arg-type]
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    if handler.response_streaming:
        assert handler.unary_stream is not None
        # The stubs describe grpcio's synchronous handlers; grpc.aio accepts async generators here.
        return grpc.unary_stream_rpc_method_handler(
            stream(handler.unary_stream),  # type: ignore[arg-type]
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    assert handler.unary_unary is not None
    return grpc.unary_unary_rpc_method_handler(
        unary(handler.unary_unary),  # type: ignore[arg-type]
        request_deserializer=handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )


def service_of(method: str) -> str:
    """`/testsuite.v1.TestSuiteService/GetTestSuite` -> `testsuite.v1.TestSuiteService`."""
    return method.lstrip("/").partition("/")[0]
