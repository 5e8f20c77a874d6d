"""Which trace a server span joins, from the headers (or metadata) of the request: W3C, X-Ray, the ALB's
Root-only X-Ray header, in lower case as HTTP/2 and gRPC deliver them; and what outgoing calls carry."""

import secrets
import time
from collections.abc import Iterator

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from server_spans import server_span

from tcm_common.telemetry.propagation import AlbRootIdGenerator, platform_propagator

W3C_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
W3C_PARENT = "00f067aa0ba902b7"
XRAY_TRACE = "5759e988bd862e3fe1be46a994272793"
XRAY_PARENT = "53995c3f42cd8ad8"
XRAY_ROOT = f"1-{XRAY_TRACE[:8]}-{XRAY_TRACE[8:]}"


@pytest.fixture
def tracer() -> Iterator[trace.Tracer]:
    """A provider of this test's own (not the process's): the id generator the services use."""
    provider = TracerProvider(id_generator=AlbRootIdGenerator(), shutdown_on_exit=False)
    yield provider.get_tracer("test")
    provider.shutdown()


def hex_ids(span: trace.Span) -> tuple[str, str | None]:
    """The trace id and the parent's span id of a recorded span."""
    assert isinstance(span, ReadableSpan)
    parent = format(span.parent.span_id, "016x") if span.parent is not None else None
    return format(span.get_span_context().trace_id, "032x"), parent


def test_traceparent_continues_the_callers_trace(tracer: trace.Tracer) -> None:
    span = server_span(tracer, {"traceparent": f"00-{W3C_TRACE}-{W3C_PARENT}-01"})
    assert hex_ids(span) == (W3C_TRACE, W3C_PARENT)
    assert span.get_span_context().trace_flags.sampled


def test_an_xray_header_with_a_parent_continues_that_trace_in_any_letter_case(tracer: trace.Tracer) -> None:
    header = f"Root={XRAY_ROOT};Parent={XRAY_PARENT};Sampled=1"
    for name in ("x-amzn-trace-id", "X-Amzn-Trace-Id"):
        assert hex_ids(server_span(tracer, {name: header})) == (XRAY_TRACE, XRAY_PARENT)


def test_the_albs_root_only_header_makes_the_server_span_the_root_of_the_albs_trace(tracer: trace.Tracer) -> None:
    span = server_span(tracer, {"x-amzn-trace-id": f"Self=1-67891234-{'a' * 24};Root={XRAY_ROOT}"})
    assert hex_ids(span) == (XRAY_TRACE, None)
    assert span.get_span_context().trace_flags.sampled, "no caller decided: the service samples"
    # The next request without a header gets a trace of its own, not the ALB's previous one.
    assert hex_ids(server_span(tracer, {}))[0] != XRAY_TRACE


def test_traceparent_wins_over_an_xray_header(tracer: trace.Tracer) -> None:
    for xray in (f"Root={XRAY_ROOT}", f"Root={XRAY_ROOT};Parent={XRAY_PARENT};Sampled=1"):
        headers = {"traceparent": f"00-{W3C_TRACE}-{W3C_PARENT}-01", "x-amzn-trace-id": xray}
        assert hex_ids(server_span(tracer, headers)) == (W3C_TRACE, W3C_PARENT)


def test_a_caller_that_did_not_sample_is_followed(tracer: trace.Tracer) -> None:
    span = server_span(tracer, {"x-amzn-trace-id": f"Root={XRAY_ROOT};Parent={XRAY_PARENT};Sampled=0"})
    assert not span.is_recording()
    assert format(span.get_span_context().trace_id, "032x") == XRAY_TRACE
    assert not span.get_span_context().trace_flags.sampled


def test_without_headers_a_new_trace_id_starts_with_the_time_as_xray_requires(tracer: trace.Tracer) -> None:
    trace_id, parent = hex_ids(server_span(tracer, {"x-amzn-trace-id": "Root=garbage"}))
    assert parent is None
    assert abs(int(trace_id[:8], 16) - time.time()) < 60


def test_outgoing_calls_carry_both_headers_for_the_current_span(tracer: trace.Tracer) -> None:
    with tracer.start_as_current_span("caller") as span:
        carrier: dict[str, str] = {}
        platform_propagator().inject(carrier)
    trace_id = format(span.get_span_context().trace_id, "032x")
    span_id = format(span.get_span_context().span_id, "016x")
    assert carrier["traceparent"] == f"00-{trace_id}-{span_id}-01"
    assert carrier["X-Amzn-Trace-Id"] == f"Root=1-{trace_id[:8]}-{trace_id[8:]};Parent={span_id};Sampled=1"


def test_the_albs_root_is_read_from_its_own_field_only(tracer: trace.Tracer) -> None:
    fake = secrets.token_hex(12)
    span = server_span(tracer, {"x-amzn-trace-id": f"Foo=Root=1-5759e988-{fake}"})
    assert hex_ids(span)[0] != f"5759e988{fake}"
