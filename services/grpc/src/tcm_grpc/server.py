"""Composition root of the gRPC service: builds and runs the grpc.aio server."""

from __future__ import annotations

import asyncio
import signal

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer

from tcm_common.listen_address import ListenAddress

# After SIGTERM, health says NOT_SERVING for this long (load balancers stop routing), then in-flight
# calls get the grace period to finish.
DRAIN_SECONDS = 1.0
GRACE_SECONDS = 20.0


async def serve(address: ListenAddress) -> None:
    server = grpc.aio.server()
    health = HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    server.add_insecure_port(f"{address.host}:{address.port}")
    await server.start()
    await health.set("", health_pb2.HealthCheckResponse.SERVING)

    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    try:
        await stopping.wait()
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)

    await health.enter_graceful_shutdown()
    await asyncio.sleep(DRAIN_SECONDS)
    await server.stop(GRACE_SECONDS)
