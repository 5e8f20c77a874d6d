"""Two processes, one trace: the release gate (`python -m tcm_examples.release_gate`) calls the gRPC
service (`python -m tcm_grpc`); both export over OTLP to a stand-in collector, which receives the gate's
spans and the service's spans and SQL statements under one trace id, parented across the processes, the
service's metrics, and nowhere the API token."""

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import grpc
from examples_harness import TokenHolder
from grpc_health.v1 import health_pb2, health_pb2_grpc

import tcm_examples.release_gate.__main__  # noqa: F401 - run below as a module; imported for its dependencies
import tcm_grpc.__main__  # noqa: F401 - run below as a module; imported so that its dependencies are known
from tcm_common.auth.keys import key_environment
from tcm_common.testing.otlp_collector import CollectedSpan, OtlpCollector, otlp_collector
from tcm_common.testing.service_process import free_port, service_process
from tcm_common.testing.waiting import wait_until

GET_TEST_SUITE = "/testsuite.v1.TestSuiteService/GetTestSuite"


def serving(port: int) -> bool:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        try:
            answer = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=1)
        except grpc.RpcError:
            return False
        return bool(answer.status == health_pb2.HealthCheckResponse.SERVING)


@contextmanager
def grpc_service(database_url: str, collector: OtlpCollector) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    environment = {
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": database_url,
        "TCM_HOST": "127.0.0.1",
        "TCM_PORT": str(port),
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
        "OTEL_METRIC_EXPORT_INTERVAL": "300",  # instead of a minute: the pool is seen while it is open
        "PYTHONPATH": os.pathsep.join(sys.path),
        **key_environment("examples-test"),
    }
    with service_process([sys.executable, "-m", "tcm_grpc"], environment, lambda: serving(port)) as process:
        yield process, port


def release_gate(port: int, token: str, suite_id: str, collector: OtlpCollector) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "TCM_GRPC_TARGET": f"127.0.0.1:{port}",
        "TCM_API_TOKEN": token,
        "TCM_GRPC_TLS": "false",
        "TCM_ENVIRONMENT": "test",
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    command = [sys.executable, "-m", "tcm_examples.release_gate", suite_id, "--min-progress=0"]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=60, check=False)


def logs_of(process: subprocess.Popen[bytes]) -> list[dict[str, Any]]:
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert process.stdout is not None
    return [json.loads(line) for line in process.stdout.read().decode().splitlines() if line.startswith("{")]


def test_the_gate_and_the_grpc_service_export_one_trace_down_to_sql(
    database_url: str, ci: TokenHolder, suite_id: str
) -> None:
    with otlp_collector() as collector:
        with grpc_service(database_url, collector) as (process, port):
            passed = release_gate(port, ci.token, suite_id, collector)
            refused = release_gate(port, "tcm_a-token-nobody-has", suite_id, collector)
            wait_until(lambda: bool(collector.points("db.client.connection.count")))
            logs = logs_of(process)
        spans, points, received = collector.spans(), collector.points(), collector.received()

    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert refused.returncode == 2
    assert "UNAUTHENTICATED" in refused.stdout
    trace_id = passed.stdout.strip().splitlines()[-1].removeprefix("trace id: ")

    def one(name: str, kind: str) -> CollectedSpan:
        [found] = [span for span in spans if span.trace_id == trace_id and (span.name, span.kind) == (name, kind)]
        return found

    root, client, server = one("release gate", "INTERNAL"), one(GET_TEST_SUITE, "CLIENT"), one(GET_TEST_SUITE, "SERVER")
    assert (root.service, client.service, server.service) == ("release-gate", "release-gate", "grpc")
    assert root.parent_span_id is None
    assert client.parent_span_id == root.span_id
    assert server.parent_span_id == client.span_id
    assert server.attributes["enduser.id"] == str(ci.user.id)
    statements = [span for span in spans if span.trace_id == trace_id and "db.statement" in span.attributes]
    assert len(statements) >= 2
    assert {span.service for span in statements} == {"grpc"}
    assert all(span.resource["deployment.environment"] == "test" for span in spans)

    calls = {
        (point.attributes["rpc.method"], point.attributes["rpc.response.status_code"]): point.count
        for point in points
        if point.metric == "rpc.server.call.duration" and point.service == "grpc"
    }
    assert calls[("GetTestSuite", "OK")] == 1
    assert calls[("GetTestSuite", "UNAUTHENTICATED")] == 1
    assert any(point.metric == "db.client.connection.max" for point in points)

    [access] = [line for line in logs if line.get("trace_id") == trace_id and line["logger"] == "tcm.access"]
    assert access["rpc"]["method"] == "GetTestSuite"
    assert access["rpc"]["status"] == "OK"
    assert access["user"] == {"id": str(ci.user.id), "role": "TESTER"}
    assert access["span_id"] == server.span_id
    [refusal] = [line for line in logs if line.get("rpc", {}).get("status") == "UNAUTHENTICATED"]
    assert "user" not in refusal

    everything = received + json.dumps(logs) + passed.stdout + passed.stderr + refused.stdout + refused.stderr
    assert ci.token not in everything
    assert "tcm_a-token-nobody-has" not in everything
