"""Calling the gRPC service (testsuite.v1) from another service or a tool, inside the caller's trace.

    async with traced_clients("grpc.internal:50051", token=api_token) as clients:
        found = await clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=suite_id), timeout=5)

Every call is a client span, a child of the caller's current span, and carries the trace context in its
metadata (`traceparent` and `x-amzn-trace-id`: tcm_common.telemetry.propagation), so the service's
server span and the SQL statements under it join the caller's trace. The token travels as
`authorization: Bearer` metadata on every call and on no span. `tls=True` for the ALB's gRPC listener
(HTTPS with the public certificate); plain text only inside a private network or on one machine.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import grpc
import grpc.aio
from opentelemetry.instrumentation.grpc import aio_client_interceptors

from tcm_contracts.client import Clients, TokenSource


def traced_channel(target: str, *, tls: bool = False) -> grpc.aio.Channel:
    interceptors: list[grpc.aio.ClientInterceptor] = aio_client_interceptors()  # type: ignore[no-untyped-call]
    if tls:
        return grpc.aio.secure_channel(target, grpc.ssl_channel_credentials(), interceptors=interceptors)
    return grpc.aio.insecure_channel(target, interceptors=interceptors)


@asynccontextmanager
async def traced_clients(target: str, *, token: TokenSource, tls: bool = False) -> AsyncIterator[Clients]:
    """The typed clients over a traced channel, closed on the way out."""
    async with traced_channel(target, tls=tls) as channel:
        yield Clients.over(channel, token=token)
