import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tcm_common.testing.service_process import free_port, packaged_pex, python311, service_process


def health_status(port: int) -> int | None:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        try:
            response = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=1)
        except grpc.RpcError:
            return None
        return int(response.status)


def test_packaged_pex_serves_grpc_health_on_its_configured_port_and_stops_on_sigterm() -> None:
    port = free_port()
    serving = health_pb2.HealthCheckResponse.SERVING
    command = [python311(), packaged_pex("grpc")]
    with service_process(command, {"TCM_PORT": str(port)}, lambda: health_status(port) == serving):
        assert health_status(port) == serving
