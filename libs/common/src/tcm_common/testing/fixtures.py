"""pytest fixtures: a throwaway database per test session and an asyncpg pool on it.

Use from a package's conftest.py: `from tcm_common.testing.fixtures import *  # noqa: F403`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database

__all__ = ["database_url", "db_pool"]


@pytest.fixture(scope="session")
async def database_url() -> AsyncIterator[str]:
    async with throwaway_database(await admin_url()) as url:
        yield url


@pytest.fixture(scope="session")
async def db_pool(database_url: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=5)
    assert pool is not None
    try:
        yield pool
    finally:
        await pool.close()
