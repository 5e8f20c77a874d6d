"""SQL statements per request, counted from the request's trace: each service runs with its spans sent
to a stand-in collector (only in this phase: exporting costs time the measured runs should not pay), and
each counted request carries a `traceparent` of its own. As in the GraphQL DataLoader test, the pool's
RESET ALL (run when a connection is handed back) is not a statement of the request."""

from __future__ import annotations

import asyncio
import secrets
import time

from tcm_bench.figures import SqlCount
from tcm_bench.operations import ReadDriver
from tcm_bench.profile import Profile
from tcm_bench.seeding import SeededData
from tcm_bench.services import RunningService
from tcm_common.testing.otlp_collector import CollectedSpan, OtlpCollector
from tcm_common.testing.telemetry_probes import descendants

SPANS_WAIT_SECONDS = 15.0


def exporting_environment(collector: OtlpCollector) -> dict[str, str]:
    return {
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
        "OTEL_BSP_SCHEDULE_DELAY": "50",
        "OTEL_METRIC_EXPORT_INTERVAL": "3600000",
    }


def _statements(spans: list[CollectedSpan]) -> list[CollectedSpan]:
    return [
        span
        for span in spans
        if span.attributes.get("db.statement") and "RESET ALL" not in str(span.attributes["db.statement"])
    ]


def _first_line(statement: str, limit: int = 100) -> str:
    return " ".join(statement.split())[:limit]


def new_traceparent() -> tuple[str, str]:
    """A trace id of its own and the `traceparent` header (or gRPC metadata) that starts it."""
    trace_id = secrets.token_hex(16)
    return trace_id, f"00-{trace_id}-{secrets.token_hex(8)}-01"


async def traced_statements(collector: OtlpCollector, trace_id: str) -> tuple[str, ...]:
    """The statements one request ran, from its trace (RESET ALL left out), each cut to its first line."""
    spans = _statements(await _trace(collector, trace_id))
    return tuple(_first_line(str(span.attributes["db.statement"])) for span in spans)


async def _trace(collector: OtlpCollector, trace_id: str) -> list[CollectedSpan]:
    """The spans of one trace, once its server span (the last to end) has arrived, plus a short grace."""
    deadline = time.monotonic() + SPANS_WAIT_SECONDS
    while not any(span.trace_id == trace_id and span.kind == "SERVER" for span in collector.spans()):
        if time.monotonic() > deadline:
            raise RuntimeError(f"no server span of trace {trace_id} within {SPANS_WAIT_SECONDS:.0f} s")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)
    return [span for span in collector.spans() if span.trace_id == trace_id]


async def count_statements(
    protocol: str,
    driver: ReadDriver,
    service: RunningService,
    seeded: SeededData,
    profile: Profile,
    collector: OtlpCollector,
) -> list[SqlCount]:
    counts: list[SqlCount] = []
    async with driver(service, seeded, profile, 1) as operations:
        for operation in operations:
            await operation.call({})  # prepares the statements; the counted call is a warm one
            trace_id, traceparent = new_traceparent()
            await operation.call({"traceparent": traceparent})
            spans = await _trace(collector, trace_id)
            in_operation = None
            if operation.operation_span is not None:
                [root] = [span for span in spans if span.name == operation.operation_span]
                in_operation = len(_statements(descendants(spans, root)))
            statements = _statements(spans)
            texts = tuple(_first_line(str(span.attributes["db.statement"])) for span in statements)
            counts.append(SqlCount(protocol, operation.name, len(statements), in_operation, texts))
    return counts
