"""pytest fixture `migrated_pool`: the session's throwaway database with every migration applied.

Use from a package's conftest.py next to the base fixtures:
`from tcm_common.testing.migrated import *  # noqa: F403`.
"""

from __future__ import annotations

import asyncpg
import pytest

from tcm_common.persistence.migrator import apply_migrations

__all__ = ["migrated_pool"]


@pytest.fixture(scope="session")
async def migrated_pool(db_pool: asyncpg.Pool) -> asyncpg.Pool:
    async with db_pool.acquire() as connection:
        await apply_migrations(connection)
    return db_pool
