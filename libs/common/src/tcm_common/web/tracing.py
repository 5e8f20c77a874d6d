"""The trace id of the current request, as the logs show it and as clients may quote it to support."""

from __future__ import annotations

from opentelemetry import trace


def current_trace_id() -> str | None:
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None
