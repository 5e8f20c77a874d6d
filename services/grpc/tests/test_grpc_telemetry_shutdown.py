"""`python -m tcm_grpc` exporting to a collector that is not there: calls are served, and SIGTERM ends the
process no later than the drain period (the deliberate wait for the load balancer) plus two seconds."""

import os
import signal
import sys
import time

import grpc
from grpc_harness import TIMEOUT, Caller, inherited_environment, service_environment
from grpc_health.v1 import health_pb2, health_pb2_grpc

import tcm_grpc.__main__  # noqa: F401 - run below as a module; imported so that its dependencies are known
from tcm_common.telemetry.export_limits import UNLIMITED_EXPORT_SECONDS
from tcm_common.testing.service_process import free_port, service_process
from tcm_contracts.client import Clients
from tcm_contracts.generated.testsuite import v1
from tcm_grpc.server import DRAIN_SECONDS


def serving(port: int) -> bool:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        try:
            answer = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=1)
        except grpc.RpcError:
            return False
        return bool(answer.status == health_pb2.HealthCheckResponse.SERVING)


async def test_an_unreachable_collector_delays_neither_calls_nor_shutdown(database_url: str, tester: Caller) -> None:
    port = free_port()
    environment = {
        **inherited_environment(),
        **service_environment(database_url, port),
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{free_port()}",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    with service_process([sys.executable, "-m", "tcm_grpc"], environment, lambda: serving(port)) as process:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            clients = Clients.over(channel, token=tester.token)
            for _ in range(3):  # spans and metrics waiting to be exported
                await clients.suites.list_test_suites(v1.ListTestSuitesRequest(), timeout=TIMEOUT)
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        took = time.monotonic() - stopping
    assert took < DRAIN_SECONDS + UNLIMITED_EXPORT_SECONDS / 2
