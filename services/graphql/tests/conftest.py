from collections.abc import AsyncIterator

import asyncpg
import pytest
from graphql_harness import running_service, settings_on
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tcm_common.auth.testing import create_user, fast_password_hasher
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_common.settings import Settings
from tcm_common.testing.fixtures import *  # noqa: F403
from tcm_common.testing.migrated import *  # noqa: F403
from tcm_common.testing.statement_spans import record_spans


@pytest.fixture(scope="session")
def spans() -> InMemorySpanExporter:
    """Every finished span of this test process (the service runs in it), asyncpg queries included."""
    return record_spans()


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return settings_on(database_url)


@pytest.fixture(scope="session")
async def service(migrated_pool: asyncpg.Pool, settings: Settings, spans: InMemorySpanExporter) -> AsyncIterator[str]:  # noqa: ARG001 requested for its side effect
    """The base URL of the GraphQL service (test environment) on this session's database."""
    async with running_service(settings, session_recheck_seconds=0.2) as base_url:
        yield base_url


async def _user(pool: asyncpg.Pool, role: Role) -> User:
    return await create_user(pool, fast_password_hasher(), role=role)


@pytest.fixture
async def tester(migrated_pool: asyncpg.Pool) -> User:
    return await _user(migrated_pool, Role.TESTER)


@pytest.fixture
async def manager(migrated_pool: asyncpg.Pool) -> User:
    return await _user(migrated_pool, Role.MANAGER)


@pytest.fixture
async def admin(migrated_pool: asyncpg.Pool) -> User:
    return await _user(migrated_pool, Role.ADMIN)
