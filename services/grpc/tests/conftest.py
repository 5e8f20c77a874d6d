from collections.abc import AsyncIterator

import asyncpg
import grpc.aio
import pytest
from grpc_harness import Caller, api_token

from tcm_common.auth.testing import auth_settings_for_tests, create_user, fast_password_hasher
from tcm_common.auth.wiring import build_authenticator
from tcm_common.domain.principal import Role
from tcm_common.listen_address import ListenAddress
from tcm_common.platform import Platform
from tcm_common.settings import AuthSettings, DatabaseSettings
from tcm_common.testing.clock import service_clock
from tcm_common.testing.fixtures import *  # noqa: F403
from tcm_common.testing.migrated import *  # noqa: F403
from tcm_contracts.client import Clients
from tcm_grpc.server import RunningServer, start_server


@pytest.fixture(scope="session")
def grpc_auth_settings() -> AuthSettings:
    """The key pair of the session: the server verifies with it, the tests sign in with it."""
    return auth_settings_for_tests()


@pytest.fixture(scope="session")
async def grpc_platform(database_url: str, migrated_pool: asyncpg.Pool) -> AsyncIterator[Platform]:  # noqa: ARG001 requested for its side effect
    platform = await Platform.start(DatabaseSettings(dsn=database_url), clock=service_clock())
    yield platform
    await platform.close()


@pytest.fixture(scope="session")
async def grpc_server(grpc_platform: Platform, grpc_auth_settings: AuthSettings) -> AsyncIterator[RunningServer]:
    """The server of the session, on a random port, with every interceptor and reflection on."""
    running = await start_server(
        grpc_platform,
        build_authenticator(grpc_auth_settings, grpc_platform.pool),
        address=ListenAddress("127.0.0.1", 0),
        reflection_enabled=True,
    )
    yield running
    await running.shutdown(drain_seconds=0, grace_seconds=1)


@pytest.fixture(scope="session")
def grpc_target(grpc_server: RunningServer) -> str:
    return f"127.0.0.1:{grpc_server.port}"


@pytest.fixture(scope="session")
async def grpc_channel(grpc_target: str) -> AsyncIterator[grpc.aio.Channel]:
    async with grpc.aio.insecure_channel(grpc_target) as channel:
        yield channel


async def _caller(pool: asyncpg.Pool, channel: grpc.aio.Channel, role: Role) -> Caller:
    user = await create_user(pool, fast_password_hasher(), role=role)
    token = await api_token(pool, user)
    return Caller(user=user, token=token, clients=Clients.over(channel, token=token))


@pytest.fixture(scope="session")
async def admin(migrated_pool: asyncpg.Pool, grpc_channel: grpc.aio.Channel) -> Caller:
    return await _caller(migrated_pool, grpc_channel, Role.ADMIN)


@pytest.fixture(scope="session")
async def manager(migrated_pool: asyncpg.Pool, grpc_channel: grpc.aio.Channel) -> Caller:
    return await _caller(migrated_pool, grpc_channel, Role.MANAGER)


@pytest.fixture(scope="session")
async def tester(migrated_pool: asyncpg.Pool, grpc_channel: grpc.aio.Channel) -> Caller:
    return await _caller(migrated_pool, grpc_channel, Role.TESTER)
