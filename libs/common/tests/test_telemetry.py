"""Telemetry set-up, each case in a fresh interpreter: the providers and instrumentation are global."""

import os
import subprocess
import sys
import time
from pathlib import Path

import tcm_common
from tcm_common.telemetry.export_limits import UNLIMITED_EXPORT_SECONDS

QUERY_SPANS = """
import asyncio, asyncpg, sys
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from tcm_common.settings import Environment, TelemetrySettings
from tcm_common.telemetry import configure_telemetry

telemetry = configure_telemetry("rest", "1.2.3", TelemetrySettings(), Environment.TEST)
assert telemetry.tracer_provider._active_span_processor._span_processors == (), "no span may be exported"
assert not telemetry.meter_provider._all_metric_readers, "no metric may be exported"
memory = InMemorySpanExporter()
telemetry.tracer_provider.add_span_processor(SimpleSpanProcessor(memory))

async def main():
    connection = await asyncpg.connect(sys.argv[1])
    with telemetry.tracer_provider.get_tracer("test").start_as_current_span("request"):
        await connection.fetchval("SELECT length($1::text)", "a-parameter-value")
    await connection.close()

asyncio.run(main())
telemetry.shutdown()
spans = {span.name: span for span in memory.get_finished_spans()}
query = next(span for span in spans.values() if "SELECT" in (span.attributes or {}).get("db.statement", ""))
assert query.parent.span_id == spans["request"].context.span_id, "the query must be a child span"
assert "a-parameter-value" not in repr([dict(span.attributes or {}) for span in spans.values()])
assert "db.statement.parameters" not in query.attributes
resource = spans["request"].resource.attributes
assert (resource["service.name"], resource["service.version"], resource["deployment.environment"]) == (
    "rest", "1.2.3", "test"
)
started = int(format(spans["request"].context.trace_id, "032x")[:8], 16)
assert abs(started - spans["request"].start_time / 1e9) < 60, "X-Ray trace ids start with the time"
print("ok")
"""

# A full queue of spans (several batches) and metrics, for a collector that is not there.
SHUTDOWN = """
import time
from opentelemetry import metrics
from tcm_common.settings import Environment, TelemetrySettings
from tcm_common.telemetry import configure_telemetry

nobody_listens = TelemetrySettings(otlp_endpoint="http://127.0.0.1:9")
telemetry = configure_telemetry("grpc", "0.1.0", nobody_listens, Environment.TEST)
tracer = telemetry.tracer_provider.get_tracer("test")
for number in range(2000):
    with tracer.start_as_current_span(f"work {number}"):
        pass
metrics.get_meter("test").create_counter("work").add(2000)
started = time.monotonic()
telemetry.shutdown()
print(f"{time.monotonic() - started:.3f} {time.time():.3f}")
"""

# An HTTP service that exports nothing never loads the OTLP exporters, nor grpc with them (start-up time
# and memory: docs/decisions/0016).
NO_EXPORTER_LOADED = """
import sys
from tcm_common.settings import Environment, TelemetrySettings
from tcm_common.telemetry import configure_telemetry

telemetry = configure_telemetry("rest", "1.2.3", TelemetrySettings(), Environment.TEST)
loaded = sorted(name for name in sys.modules if name == "grpc" or name.startswith("opentelemetry.exporter.otlp"))
telemetry.shutdown()
print(loaded)
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


def test_queries_become_child_spans_without_parameters_and_nothing_is_exported_without_endpoint(
    database_url: str,
) -> None:
    result = run(QUERY_SPANS, database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_shutdown_gives_up_on_a_missing_collector_in_time_and_the_process_exits_at_once() -> None:
    result = run(SHUTDOWN)
    exited = time.time()
    assert result.returncode == 0, result.stderr
    took, returned = (float(value) for value in result.stdout.split())
    assert took < UNLIMITED_EXPORT_SECONDS / 2  # the limit is SHUTDOWN_TIMEOUT_SECONDS; unlimited waits far longer
    # The unfinished exports are left to daemon threads: nothing holds the interpreter afterwards.
    assert exited - returned < 1.0


def test_without_an_endpoint_no_exporter_and_no_grpc_is_loaded() -> None:
    result = run(NO_EXPORTER_LOADED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
