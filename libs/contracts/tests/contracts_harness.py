"""A grpc.aio server on a random port plus channels to it, for the contracts tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc
import grpc.aio
from grpc_health.v1 import health, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from tcm_contracts.reflection import reflection_descriptor_pool, reflection_service_names
from tcm_contracts.service_handlers import ErrorHandler, add_servicer


@dataclass
class GrpcHarness:
    """Starts grpc.aio servers on random ports and opens channels to them; closes all at the end."""

    servers: list[grpc.aio.Server] = field(default_factory=list)
    channels: list[grpc.aio.Channel] = field(default_factory=list)

    async def serve(
        self, *servicers: object, on_error: ErrorHandler | None = None, reflect: bool = False
    ) -> str:
        """Serves the servicers; with `reflect`, also health and reflection over betterproto2's pool."""
        server = grpc.aio.server()
        for servicer in servicers:
            add_servicer(server, servicer, on_error=on_error)
        if reflect:
            health_pb2_grpc.add_HealthServicer_to_server(health.aio.HealthServicer(), server)
            reflection.enable_server_reflection(
                reflection_service_names(), server, pool=reflection_descriptor_pool()
            )
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        self.servers.append(server)
        return f"127.0.0.1:{port}"

    def channel(self, target: str, options: Sequence[tuple[str, Any]] = ()) -> grpc.aio.Channel:
        channel = grpc.aio.insecure_channel(target, options=options)
        self.channels.append(channel)
        return channel

    async def channel_to(self, *servicers: object, on_error: ErrorHandler | None = None) -> grpc.aio.Channel:
        return self.channel(await self.serve(*servicers, on_error=on_error))

    async def close(self) -> None:
        for channel in self.channels:
            await channel.close()
        for server in self.servers:
            await server.stop(None)
