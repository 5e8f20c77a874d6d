"""Composition root of the gRPC service: builds, runs and stops the grpc.aio server.

    running = await start_server(platform, authenticator, address=..., reflection_enabled=True)
    running.port                                  # the port it listens on (any free one for port 0)
    ...
    await running.shutdown()

Interceptors, outermost first: tracing (a span for the whole call), the access log (a JSON line and a
latency measurement per call: tcm_common.rpc.access_log), the deadline guard (the work of a unary call
stops before the caller's deadline), authentication (testsuite.v1 only).

Shutdown (SIGTERM from ECS, which kills 30 s later): health turns NOT_SERVING at once, so the load
balancer stops sending calls; during the drain period calls are still served; then watch streams end
(UNAVAILABLE: their clients watch again elsewhere), new calls are refused and the calls in flight get
the grace period to finish before they are cancelled.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass

import grpc
import grpc.aio
from grpc_health.v1 import health, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from tcm_common.application.clock import Clock
from tcm_common.auth.authentication import Authenticator
from tcm_common.auth.wiring import build_authenticator
from tcm_common.listen_address import ListenAddress
from tcm_common.platform import Platform
from tcm_common.rpc.access_log import AccessLogInterceptor
from tcm_common.startup_heap import freeze_startup_objects
from tcm_common.telemetry.pool_metrics import observe_pool
from tcm_contracts.descriptors import service_names
from tcm_contracts.reflection import reflection_descriptor_pool, reflection_service_names
from tcm_contracts.service_handlers import add_servicer
from tcm_grpc.authentication import AuthInterceptor
from tcm_grpc.deadlines import DeadlineInterceptor
from tcm_grpc.errors import abort_with_status
from tcm_grpc.health import DEFAULT_INTERVAL_SECONDS, DatabaseHealth
from tcm_grpc.server_options import SERVER_OPTIONS
from tcm_grpc.servicers.cases import TestCases
from tcm_grpc.servicers.efforts import Efforts
from tcm_grpc.servicers.groups import TestGroups
from tcm_grpc.servicers.runs import TestRuns
from tcm_grpc.servicers.suites import TestSuites
from tcm_grpc.settings import ServiceConfig
from tcm_grpc.tracing import tracing_interceptor

logger = logging.getLogger(__name__)

# ECS sends SIGKILL 30 s after SIGTERM: drain and grace together stay well below that.
DRAIN_SECONDS = 3.0
GRACE_SECONDS = 20.0


@dataclass(frozen=True, slots=True)
class RunningServer:
    server: grpc.aio.Server
    port: int
    health: DatabaseHealth
    stopping: asyncio.Event

    async def shutdown(self, *, drain_seconds: float = DRAIN_SECONDS, grace_seconds: float = GRACE_SECONDS) -> None:
        await self.health.enter_graceful_shutdown()
        await asyncio.sleep(drain_seconds)
        self.stopping.set()
        await self.server.stop(grace_seconds)


async def start_server(
    platform: Platform,
    authenticator: Authenticator,
    *,
    address: ListenAddress,
    reflection_enabled: bool,
    health_interval: float = DEFAULT_INTERVAL_SECONDS,
) -> RunningServer:
    """Serves on `address` (port 0: any free port, see `RunningServer.port`)."""
    server = grpc.aio.server(
        interceptors=[
            tracing_interceptor(),
            AccessLogInterceptor(),
            DeadlineInterceptor(),
            AuthInterceptor(authenticator, service_names()),
        ],
        options=SERVER_OPTIONS,
    )
    stopping = asyncio.Event()
    for servicer in (
        TestSuites(platform, stopping),
        TestGroups(platform),
        TestCases(platform),
        Efforts(platform),
        TestRuns(platform, stopping),
    ):
        add_servicer(server, servicer, on_error=abort_with_status)
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    if reflection_enabled:
        reflection.enable_server_reflection(reflection_service_names(), server, pool=reflection_descriptor_pool())
    port = server.add_insecure_port(f"{address.host}:{address.port}")
    database_health = DatabaseHealth(
        health_servicer, platform.database_ready, service_names(), interval=health_interval
    )
    await database_health.start()
    await server.start()
    return RunningServer(server=server, port=port, health=database_health, stopping=stopping)


async def serve(config: ServiceConfig) -> None:
    """Runs until SIGTERM or SIGINT, then shuts down gracefully."""
    platform = await Platform.start(config.settings.database, clock=Clock(config.settings.time_zone))
    observe_pool(platform.pool)
    try:
        running = await start_server(
            platform,
            build_authenticator(config.settings.auth, platform.pool),
            address=config.address,
            reflection_enabled=config.grpc.reflection,
        )
        freeze_startup_objects()
        logger.info("serving gRPC on %s:%s", config.address.host, running.port)
        await _stop_signal()
        logger.info("stopping: draining for %ss, then %ss for calls in flight", DRAIN_SECONDS, GRACE_SECONDS)
        await running.shutdown()
    finally:
        await platform.close()


async def _stop_signal() -> None:
    received = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, received.set)
    try:
        await received.wait()
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
