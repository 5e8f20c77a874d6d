"""The packaged PEX (a runtime package dependency of this test): it serves when configured and refuses
to start, naming the variable, when a setting is missing."""

import subprocess

import grpc
import pytest
from grpc_harness import inherited_environment, service_environment
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tcm_common.testing.service_process import free_port, packaged_pex, python311, service_process


def health_status(port: int) -> int | None:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        try:
            response = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=1)
        except grpc.RpcError:
            return None
        return int(response.status)


def test_packaged_pex_serves_grpc_health_on_its_configured_port_and_stops_on_sigterm(
    database_url: str,
) -> None:
    port = free_port()
    serving = health_pb2.HealthCheckResponse.SERVING
    command = [python311(), packaged_pex("grpc")]
    with service_process(command, service_environment(database_url, port), lambda: health_status(port) == serving):
        assert health_status(port) == serving


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ("TCM_JWT_PUBLIC_KEYS", "TCM_JWT_PUBLIC_KEYS is required"),
        ("TCM_ENVIRONMENT", "TCM_ENVIRONMENT is required"),
        ("TCM_DATABASE_URL", "TCM_DATABASE_HOST is required: or set TCM_DATABASE_URL"),
    ],
)
def test_packaged_pex_refuses_to_start_without_a_setting_and_names_it(
    database_url: str, missing: str, named: str
) -> None:
    env = {**inherited_environment(), **service_environment(database_url, free_port())}
    del env[missing]

    result = subprocess.run(
        [python311(), packaged_pex("grpc")], env=env, capture_output=True, text=True, timeout=120, check=False
    )

    assert result.returncode == 2, result.stderr
    assert named in result.stderr
