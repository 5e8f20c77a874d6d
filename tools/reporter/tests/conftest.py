from collections.abc import AsyncIterator

import asyncpg
import pytest
from reporter_harness import TokenHolder, token_holder

from tcm_common.auth.testing import auth_settings_for_tests
from tcm_common.auth.wiring import build_authenticator
from tcm_common.domain.principal import Role
from tcm_common.listen_address import ListenAddress
from tcm_common.platform import Platform
from tcm_common.settings import DatabaseSettings
from tcm_common.testing.clock import service_clock
from tcm_common.testing.fixtures import *  # noqa: F403
from tcm_common.testing.migrated import *  # noqa: F403
from tcm_grpc.server import start_server


@pytest.fixture(scope="session")
async def grpc_target(database_url: str, migrated_pool: asyncpg.Pool) -> AsyncIterator[str]:  # noqa: ARG001 requested for its side effect
    """The gRPC service in this process, on a free port; the reporter runs as a process against it."""
    platform = await Platform.start(DatabaseSettings(dsn=database_url), clock=service_clock())
    running = await start_server(
        platform,
        build_authenticator(auth_settings_for_tests(), platform.pool),
        address=ListenAddress("127.0.0.1", 0),
        reflection_enabled=False,
    )
    yield f"127.0.0.1:{running.port}"
    await running.shutdown(drain_seconds=0, grace_seconds=1)
    await platform.close()


@pytest.fixture(scope="session")
async def manager(migrated_pool: asyncpg.Pool) -> TokenHolder:
    return await token_holder(migrated_pool, Role.MANAGER)


@pytest.fixture(scope="session")
async def ci(migrated_pool: asyncpg.Pool) -> TokenHolder:
    """The CI system's user: a tester, who may report into existing runs but not create runs."""
    return await token_holder(migrated_pool, Role.TESTER)
