import asyncio
import os
import signal

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tcm_common.listen_address import ListenAddress
from tcm_common.testing.service_process import free_port
from tcm_grpc.server import serve


async def test_health_turns_not_serving_on_sigterm_before_the_server_stops() -> None:
    port = free_port()
    server = asyncio.create_task(serve(ListenAddress("127.0.0.1", port)))
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        response = await stub.Check(health_pb2.HealthCheckRequest(), timeout=5, wait_for_ready=True)
        assert response.status == health_pb2.HealthCheckResponse.SERVING

        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.sleep(0.3)
        response = await stub.Check(health_pb2.HealthCheckRequest(), timeout=5)
        assert response.status == health_pb2.HealthCheckResponse.NOT_SERVING
    await asyncio.wait_for(server, timeout=30)
