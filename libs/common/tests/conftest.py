from collections.abc import AsyncIterator
from datetime import timedelta
from uuid import UUID

import asyncpg
import pytest

from tcm_common.domain.principal import Principal, Role
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.platform import Platform
from tcm_common.testing.clock import ManualClock
from tcm_common.testing.fixtures import *  # noqa: F403
from tcm_common.testing.migrated import *  # noqa: F403


async def insert_user(pool: asyncpg.Pool, username: str, role: Role) -> Principal:
    user_id: UUID = await pool.fetchval(
        "INSERT INTO users (username, role, password_hash) VALUES ($1, $2, 'not-a-hash') RETURNING id",
        username,
        role.value,
    )
    return Principal(user_id, username, role)


# No Admin here: the auth tests count Admins (the last one is protected) in the same database.
@pytest.fixture(scope="session")
async def manager(migrated_pool: asyncpg.Pool) -> Principal:
    return await insert_user(migrated_pool, "common_manager", Role.MANAGER)


@pytest.fixture(scope="session")
async def tester(migrated_pool: asyncpg.Pool) -> Principal:
    return await insert_user(migrated_pool, "common_tester", Role.TESTER)


@pytest.fixture(scope="session")
async def platform(migrated_pool: asyncpg.Pool, database_url: str) -> AsyncIterator[Platform]:
    feed = ChangeFeed(lambda: asyncpg.connect(database_url))
    # "Today" is FIXED_NOW's date; a millisecond per reading keeps writes in order.
    yield Platform(migrated_pool, feed, clock=ManualClock(step=timedelta(milliseconds=1)))
    await feed.close()  # the pool belongs to the db_pool fixture, which closes it
