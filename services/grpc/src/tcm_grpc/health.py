"""grpc.health.v1: SERVING only while the database answers, NOT_SERVING for good once shutdown begins.

A background task asks the platform every `interval` seconds whether a query runs and sets the status
of the server ("") and of every testsuite.v1 service. The ALB's gRPC health check calls Check, which
answers from that status without touching the database itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from grpc_health.v1 import health, health_pb2

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL_SECONDS = 5.0

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
        self._services = ("", *services)
        self._interval = interval
        self._task: asyncio.Task[None] | None = None
        self._ready: bool | None = None

    async def start(self) -> None:
        """Checks once (so the first answer is already true), then keeps checking in the background."""
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
        for service in self._services:
            await self._servicer.set(service, _SERVING if ready else _NOT_SERVING)
