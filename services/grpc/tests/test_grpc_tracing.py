"""One trace from a caller through gRPC into SQL. Run in a fresh interpreter: the tracer provider and
the asyncpg instrumentation are global to a process."""

import json
import os
import subprocess
import sys

from grpc_harness import Caller, inherited_environment

TRACED_CALL = """
import asyncio, json, sys
import grpc.aio
from grpc_health.v1 import health_pb2, health_pb2_grpc
from opentelemetry import trace
from opentelemetry.instrumentation.grpc import aio_client_interceptors
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from tcm_common.testing.clock import service_clock
from tcm_common.auth.testing import auth_settings_for_tests
from tcm_common.auth.wiring import build_authenticator
from tcm_common.listen_address import ListenAddress
from tcm_common.platform import Platform
from tcm_common.settings import DatabaseSettings, Environment, TelemetrySettings
from tcm_common.telemetry import configure_tracing
from tcm_contracts.client import Clients
from tcm_contracts.generated.testsuite import v1
from tcm_grpc.server import start_server

provider = configure_tracing("grpc", "0.0.0-test", TelemetrySettings(), Environment.TEST)
memory = InMemorySpanExporter()
provider.add_span_processor(SimpleSpanProcessor(memory))

async def main(database_url, token):
    platform = await Platform.start(DatabaseSettings(dsn=database_url), clock=service_clock())
    running = await start_server(
        platform,
        build_authenticator(auth_settings_for_tests(), platform.pool),
        address=ListenAddress("127.0.0.1", 0),
        reflection_enabled=False,
    )
    target = f"127.0.0.1:{running.port}"
    async with grpc.aio.insecure_channel(target, interceptors=aio_client_interceptors()) as channel:
        clients = Clients.over(channel, token=token)
        with trace.get_tracer("caller").start_as_current_span("caller"):
            await clients.suites.list_test_suites(v1.ListTestSuitesRequest(), timeout=10)
    async with grpc.aio.insecure_channel(target) as channel:
        await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
    await running.shutdown(drain_seconds=0, grace_seconds=1)
    await platform.close()

asyncio.run(main(sys.argv[1], sys.argv[2]))
for span in memory.get_finished_spans():
    print(json.dumps({
        "name": span.name,
        "kind": span.kind.name,
        "trace": span.context.trace_id,
        "id": span.context.span_id,
        "parent": span.parent.span_id if span.parent else None,
        "sql": "db.statement" in (span.attributes or {}),
    }))
"""


def test_a_trace_continues_from_the_caller_through_grpc_into_sql(database_url: str, tester: Caller) -> None:
    result = subprocess.run(
        [sys.executable, "-c", TRACED_CALL, database_url, tester.token],
        env={**inherited_environment(), "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    spans = [json.loads(line) for line in result.stdout.splitlines()]

    caller = next(span for span in spans if span["name"] == "caller")
    method = "/testsuite.v1.TestSuiteService/ListTestSuites"
    client = next(span for span in spans if span["name"] == method and span["kind"] == "CLIENT")
    server = next(span for span in spans if span["name"] == method and span["kind"] == "SERVER")
    queries = [span for span in spans if span["sql"] and span["parent"] == server["id"]]
    assert client["parent"] == caller["id"]
    assert server["parent"] == client["id"]
    # Authentication (API token lookup) and the use case, both inside the call's span.
    assert len(queries) >= 2
    assert {span["trace"] for span in [caller, client, server, *queries]} == {caller["trace"]}
    assert not any("Health" in span["name"] for span in spans), "health checks are not traced"
