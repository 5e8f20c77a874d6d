"""One JSON access-log line and one latency measurement per gRPC call, like the HTTP services' access log.

    grpc.aio.server(interceptors=[tracing_interceptor(), AccessLogInterceptor(), <the others>])

Place it right after the tracing interceptor: its line then carries the call's trace and span ids, and
what the inner interceptors refuse (authentication, deadlines) is logged and measured with its status.
Who the call acts for comes from authentication (tcm_common.telemetry.caller); metadata values
(the bearer token among them) are never logged.

    {"message": "/testsuite.v1.TestSuiteService/GetTestSuite OK", "logger": "tcm.access",
     "rpc": {"service": "testsuite.v1.TestSuiteService", "method": "GetTestSuite", "status": "OK",
             "duration_ms": 4.2, "client": "10.0.1.7", "user_agent": "grpc-python/1.85.3 ..."},
     "user": {"id": "...", "role": "TESTER"}, "trace_id": "...", ...}
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeAlias, cast

import grpc
import grpc.aio
from opentelemetry import trace

from tcm_common.telemetry.caller import request_caller
from tcm_common.telemetry.request_metrics import record_rpc

logger = logging.getLogger("tcm.access")

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"  # generic only in the stubs
Behavior: TypeAlias = Callable[..., Any]  # (request or request iterator, context) -> response(s)


class AccessLogInterceptor(grpc.aio.ServerInterceptor):
    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler | None]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> Handler | None:
        handler = await continuation(handler_call_details)
        service, _, method = handler_call_details.method.lstrip("/").partition("/")
        if handler is None:
            # grpc answers UNIMPLEMENTED; not measured, as the name is whatever the client sent.
            fields = {"service": service, "method": method, "status": "UNIMPLEMENTED"}
            logger.info("/%s/%s UNIMPLEMENTED", service, method, extra={"rpc": fields})
            return None
        return _observed(handler, service, method)


def _observed(handler: Handler, service: str, method: str) -> Handler:
    def observe(behavior: Behavior) -> Behavior:
        # grpc.aio takes coroutines (unary responses, or streams written with context.write) and
        # async generators (streams of yielded responses); the wrapper must be of the same kind.
        if inspect.isasyncgenfunction(behavior):

            async def observed_stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[Any]:
                with _logged(service, method, context):
                    async for response in behavior(request, context):
                        yield response

            return observed_stream

        async def observed(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            with _logged(service, method, context):
                return await behavior(request, context)

        return observed

    serializers: dict[str, Any] = {
        "request_deserializer": handler.request_deserializer,
        "response_serializer": handler.response_serializer,
    }
    # The stubs describe grpcio's synchronous handlers; grpc.aio accepts coroutines and async generators.
    if handler.request_streaming and handler.response_streaming:
        assert handler.stream_stream is not None
        return grpc.stream_stream_rpc_method_handler(observe(handler.stream_stream), **serializers)
    if handler.request_streaming:
        assert handler.stream_unary is not None
        return grpc.stream_unary_rpc_method_handler(observe(handler.stream_unary), **serializers)
    if handler.response_streaming:
        assert handler.unary_stream is not None
        return grpc.unary_stream_rpc_method_handler(observe(handler.unary_stream), **serializers)
    assert handler.unary_unary is not None
    return grpc.unary_unary_rpc_method_handler(observe(handler.unary_unary), **serializers)


@contextmanager
def _logged(service: str, method: str, context: grpc.aio.ServicerContext[Any, Any]) -> Iterator[None]:
    started = time.perf_counter()
    status = "UNKNOWN"
    # The current span is the call's server span (the tracing interceptor runs first), or none.
    with request_caller(trace.get_current_span()) as caller:
        try:
            yield
            status = _status_set(context) or "OK"
        except asyncio.CancelledError:
            # The client cancelled, its deadline passed, or the server stopped waiting for the call.
            status = "CANCELLED"
            raise
        except BaseException:
            # An abort (its status is set) or an error that grpc reports as UNKNOWN.
            status = _status_set(context) or "UNKNOWN"
            raise
        finally:
            seconds = time.perf_counter() - started
            record_rpc(service, method, status, seconds)
            metadata = _text_metadata(context)
            user = caller.log_fields()
            logger.info(
                "/%s/%s %s",
                service,
                method,
                status,
                extra={
                    "rpc": {
                        "service": service,
                        "method": method,
                        "status": status,
                        "duration_ms": round(seconds * 1000, 1),
                        "client": _client_address(metadata.get("x-forwarded-for"), context.peer()),
                        "user_agent": metadata.get("user-agent"),
                    },
                    **({"user": user} if user else {}),
                },
            )


def _status_set(context: grpc.aio.ServicerContext[Any, Any]) -> str | None:
    """The name of the status set so far (an abort sets it); the stubs say it is never None."""
    code = cast("grpc.StatusCode | None", context.code())
    return code.name if code is not None else None


def _text_metadata(context: grpc.aio.ServicerContext[Any, Any]) -> dict[str, str]:
    return {key: value for key, value in context.invocation_metadata() or () if isinstance(value, str)}


def _client_address(forwarded_for: str | None, peer: str) -> str | None:
    """The ALB appends the address it received the call from to x-forwarded-for (as for HTTP:
    tcm_common.web.client); without it the peer is the client ("ipv4:10.0.1.7:51234", "ipv6:[::1]:51234")."""
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    if hops:
        return hops[-1]
    _, _, address = peer.partition(":")
    host, _, _ = address.rpartition(":")
    return host.strip("[]") or None
