"""OpenTelemetry for gRPC: a server span per call that continues the caller's trace.

The server interceptor reads the trace context from the call's metadata with the global propagators
(W3C `traceparent` and X-Ray, set by tcm_common.telemetry.configure_tracing), so the span of a call
is a child of the caller's span, and asyncpg's query spans (also configure_tracing) are children of
the call's span: caller -> gRPC -> SQL in one trace.

Callers put opentelemetry's client interceptors on their channel, which send that metadata:

    from opentelemetry.instrumentation.grpc import aio_client_interceptors
    channel = grpc.aio.insecure_channel(target, interceptors=aio_client_interceptors())
    clients = Clients.over(channel, token=...)

Health checks (every few seconds from the load balancer) and reflection are not traced.
"""

from __future__ import annotations

import grpc.aio
from opentelemetry.instrumentation.grpc import aio_server_interceptor
from opentelemetry.instrumentation.grpc.filters import any_of, health_check, negate, service_prefix

_REFLECTION_PREFIX = "grpc.reflection."


def tracing_interceptor() -> grpc.aio.ServerInterceptor:
    untraced = any_of(health_check(), service_prefix(_REFLECTION_PREFIX))
    interceptor: grpc.aio.ServerInterceptor = aio_server_interceptor(  # type: ignore[no-untyped-call]
        filter_=negate(untraced)
    )
    return interceptor
