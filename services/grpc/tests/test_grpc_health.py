"""grpc.health.v1: liveness ("" and "liveness") apart from readiness ("readiness" and the testsuite.v1
services, SERVING only while the database answers); the shutdown sequence of the server.

The SIGTERM-driven shutdown of the real process is in test_grpc_shutdown.py.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import asyncpg
import grpc
import pytest
from grpc_harness import TIMEOUT, Caller, lock_waiters, new_suite, row_locked
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tcm_common.auth.testing import auth_settings_for_tests
from tcm_common.auth.wiring import build_authenticator
from tcm_common.listen_address import ListenAddress
from tcm_common.platform import Platform
from tcm_common.settings import DatabaseSettings
from tcm_common.testing.clock import service_clock
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database
from tcm_common.testing.waiting import eventually
from tcm_contracts.client import NO_RETRIES, Clients
from tcm_contracts.descriptors import service_names
from tcm_contracts.generated.testsuite import v1
from tcm_grpc.server import RunningServer, start_server

SERVING: int = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING: int = health_pb2.HealthCheckResponse.NOT_SERVING


async def health_status(channel: grpc.aio.Channel, service: str = "") -> int:
    response = await health_pb2_grpc.HealthStub(channel).Check(
        health_pb2.HealthCheckRequest(service=service), timeout=TIMEOUT
    )
    return int(response.status)


async def until_status(channel: grpc.aio.Channel, expected: int, within: float = 30, service: str = "") -> None:
    async def reached() -> bool:
        return await health_status(channel, service) == expected

    await eventually(reached, within=within)


@pytest.mark.parametrize("service", ["", "liveness", "readiness", *service_names()])
async def test_health_is_serving_for_anyone_while_the_database_answers(
    grpc_channel: grpc.aio.Channel, service: str
) -> None:
    assert await health_status(grpc_channel, service) == SERVING


@contextlib.asynccontextmanager
async def server_on_own_database() -> AsyncIterator[tuple[RunningServer, str]]:
    """A server whose platform uses a database of its own, checked every 0.1 s; yields it and the URL."""
    async with throwaway_database(await admin_url()) as url:
        platform = await Platform.start(DatabaseSettings(dsn=url), clock=service_clock())
        try:
            running = await start_server(
                platform,
                build_authenticator(auth_settings_for_tests(), platform.pool),
                address=ListenAddress("127.0.0.1", 0),
                reflection_enabled=False,
                health_interval=0.1,
            )
            try:
                yield running, url
            finally:
                await running.shutdown(drain_seconds=0, grace_seconds=1)
        finally:
            await platform.close()


async def set_connections_allowed(url: str, allowed: bool) -> None:
    """Opens or closes the (test's own) database for connections; closing also ends the open ones."""
    name = urlsplit(url).path.lstrip("/")
    admin = await asyncpg.connect(await admin_url())
    try:
        await admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                name,
            )
    finally:
        await admin.close()


async def test_readiness_follows_the_database_and_liveness_does_not() -> None:
    async with (
        server_on_own_database() as (running, url),
        grpc.aio.insecure_channel(f"127.0.0.1:{running.port}") as channel,
    ):
        assert await health_status(channel, "readiness") == SERVING

        await set_connections_allowed(url, False)
        try:
            await until_status(channel, NOT_SERVING, service="readiness")
            assert await health_status(channel, "testsuite.v1.TestSuiteService") == NOT_SERVING
            # Liveness (what the load balancer asks) does no I/O: the process is alive and stays in service.
            assert await health_status(channel, "") == SERVING
            assert await health_status(channel, "liveness") == SERVING
        finally:
            await set_connections_allowed(url, True)
        await until_status(channel, SERVING, service="readiness")


async def test_shutdown_turns_not_serving_then_ends_watches_refuses_new_calls_and_lets_calls_finish(
    grpc_platform: Platform, manager: Caller, database_url: str
) -> None:
    suite, blocked = await new_suite(manager.clients), await new_suite(manager.clients)
    running = await start_server(
        grpc_platform,
        build_authenticator(auth_settings_for_tests(), grpc_platform.pool),  # API tokens need no key
        address=ListenAddress("127.0.0.1", 0),
        reflection_enabled=False,
    )
    async with grpc.aio.insecure_channel(f"127.0.0.1:{running.port}") as channel:
        clients = Clients.over(channel, token=manager.token, retry=NO_RETRIES)
        watch = clients.suites.watch_test_suite(v1.WatchTestSuiteRequest(id=suite.id), timeout=60)
        async with contextlib.aclosing(watch), row_locked(database_url, blocked.id):
            await anext(watch)
            in_flight = asyncio.ensure_future(
                clients.suites.delete_test_suite(v1.DeleteTestSuiteRequest(id=blocked.id), timeout=30)
            )
            async def delete_waits() -> bool:
                return await lock_waiters(database_url) == 1

            await eventually(delete_waits, what="the delete waiting for the row lock")
            stopping = asyncio.ensure_future(running.shutdown(drain_seconds=1, grace_seconds=10))

            await until_status(channel, NOT_SERVING, within=0.5)
            during_drain = await clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=suite.id), timeout=TIMEOUT)
            with pytest.raises(grpc.aio.AioRpcError) as watch_ended:
                async with asyncio.timeout(3):
                    await anext(watch)
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=suite.id), timeout=TIMEOUT)
            assert not in_flight.done()
        # The lock is released: the call in flight completes within the grace period.
        await asyncio.wait_for(in_flight, timeout=5)
        await asyncio.wait_for(stopping, timeout=5)

    assert during_drain.test_suite == suite
    assert watch_ended.value.code() == grpc.StatusCode.UNAVAILABLE
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
    assert in_flight.exception() is None
