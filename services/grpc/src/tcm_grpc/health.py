"""grpc.health.v1 with liveness and readiness apart, as /health and /ready of the HTTP services.

    ""  and "liveness"      SERVING while the process serves (no I/O); the ALB's health check asks ""
                            (it cannot name a service), so a database outage does not make ECS replace
                            healthy tasks.
    "readiness" and every   SERVING only while the database answers: a background task asks the
    testsuite.v1 service    platform every `interval` seconds; Check answers from that status.

Every name turns NOT_SERVING for good once shutdown begins, so the load balancer drains the task.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from grpc_health.v1 import health, health_pb2

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL_SECONDS = 5.0
LIVENESS = "liveness"
READINESS = "readiness"

_SERVING = health_pb2.HealthCheckResponse.SERVING
_NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


class DatabaseHealth:
    def __init__(
        self,
        servicer: health.aio.HealthServicer,
        database_ready: Callable[[], Awaitable[bool]],
        services: Sequence[str],
        *,
        interval: float = DEFAULT_INTERVAL_SECONDS,
    ) -> None:
        self._servicer = servicer
        self._database_ready = database_ready
        self._ready_services = (READINESS, *services)
        self._interval = interval
        self._task: asyncio.Task[None] | None = None
        self._ready: bool | None = None

    async def start(self) -> None:
        """Live at once; checks readiness once (so the first answer is already true), then keeps checking."""
        for service in ("", LIVENESS):
            await self._servicer.set(service, _SERVING)
        await self._check()
        self._task = asyncio.create_task(self._keep_checking(), name="grpc-health-check")

    async def enter_graceful_shutdown(self) -> None:
        """NOT_SERVING for every service from now on, whatever the database says."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._servicer.enter_graceful_shutdown()

    async def _keep_checking(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            await self._check()

    async def _check(self) -> None:
        ready = await self._database_ready()
        if ready != self._ready:
            logger.log(
                logging.INFO if ready else logging.WARNING,
                "database %s: health is %s",
                "reachable" if ready else "unreachable",
                "SERVING" if ready else "NOT_SERVING",
            )
        self._ready = ready
        for service in self._ready_services:
            await self._servicer.set(service, _SERVING if ready else _NOT_SERVING)
