"""Tracing set-up, each case in a fresh interpreter: the tracer provider and instrumentation are global."""

import os
import subprocess
import sys
import time
from pathlib import Path

import tcm_common
from tcm_common import telemetry

QUERY_SPANS = """
import asyncio, asyncpg, sys
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from tcm_common.settings import Environment, TelemetrySettings
from tcm_common.telemetry import configure_tracing

provider = configure_tracing("rest", "1.2.3", TelemetrySettings(), Environment.TEST)
assert provider._active_span_processor._span_processors == (), "nothing may be exported without an endpoint"
memory = InMemorySpanExporter()
provider.add_span_processor(SimpleSpanProcessor(memory))

async def main():
    connection = await asyncpg.connect(sys.argv[1])
    with provider.get_tracer("test").start_as_current_span("request"):
        await connection.fetchval("SELECT 41 + 1")
    await connection.close()

asyncio.run(main())
spans = {span.name: span for span in memory.get_finished_spans()}
query = next(span for span in spans.values() if "SELECT" in (span.attributes or {}).get("db.statement", ""))
assert query.parent.span_id == spans["request"].context.span_id, "the query must be a child span"
assert spans["request"].resource.attributes["service.name"] == "rest"
assert spans["request"].resource.attributes["service.version"] == "1.2.3"
assert format(spans["request"].context.trace_id, "032x")[:8] != "0" * 8, "X-Ray ids start with the time"
print("ok")
"""

SHUTDOWN = """
import time
from tcm_common.settings import Environment, TelemetrySettings
from tcm_common.telemetry import configure_tracing

nobody_listens = TelemetrySettings(otlp_endpoint="http://127.0.0.1:9")
provider = configure_tracing("grpc", "0.1.0", nobody_listens, Environment.TEST)
with provider.get_tracer("test").start_as_current_span("work"):
    pass
started = time.monotonic()
provider.shutdown()
print(f"{time.monotonic() - started:.2f}")
"""


def run(script: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    source_root = Path(tcm_common.__file__).resolve().parents[1]
    return subprocess.run(
        [sys.executable, "-c", script, *arguments],
        env={**os.environ, "PYTHONPATH": str(source_root)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_queries_become_child_spans_and_nothing_is_exported_without_endpoint(database_url: str) -> None:
    result = run(QUERY_SPANS, database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_shutdown_does_not_wait_for_a_missing_collector() -> None:
    started = time.monotonic()
    result = run(SHUTDOWN)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout.strip()) < 2 * telemetry.EXPORT_TIMEOUT_SECONDS < 5
    assert time.monotonic() - started < 15
