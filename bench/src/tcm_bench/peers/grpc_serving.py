"""How the gRPC peers are served: one grpc.aio server on the port the benchmark chose, stopped by SIGTERM."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from typing import Any

import grpc
import grpc.aio

from tcm_bench.peers.settings import HOST, peer_settings

GRACE_SECONDS = 1.0


def authorization(context: grpc.aio.ServicerContext[Any, Any]) -> str | None:
    for key, value in context.invocation_metadata() or ():
        if key == "authorization":
            return str(value)
    return None


async def serve_grpc(register: Callable[[grpc.aio.Server], None]) -> None:
    server = grpc.aio.server()
    register(server)
    server.add_insecure_port(f"{HOST}:{peer_settings().port}")
    await server.start()
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    await stopping.wait()
    await server.stop(GRACE_SECONDS)
