"""The span a server starts for a request, for the telemetry tests: the extracted context attached first."""

from __future__ import annotations

from collections.abc import Mapping

from opentelemetry import context as otel_context
from opentelemetry import trace

from tcm_common.telemetry.propagation import platform_propagator


def server_span(tracer: trace.Tracer, headers: Mapping[str, str]) -> trace.Span:
    attached = otel_context.attach(platform_propagator().extract(dict(headers)))
    try:
        span = tracer.start_span("server", kind=trace.SpanKind.SERVER)
    finally:
        otel_context.detach(attached)
    span.end()
    return span
