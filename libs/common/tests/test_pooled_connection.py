"""The platform's pool releases a connection without asyncpg's reset query, yet never leaks a transaction."""

from collections.abc import AsyncIterator

import pytest

from tcm_common.persistence.connection import create_pool
from tcm_common.persistence.database_errors import DatabasePool
from tcm_common.settings import DatabaseSettings


@pytest.fixture
async def one_connection_pool(database_url: str) -> AsyncIterator[DatabasePool]:
    pool = await create_pool(DatabaseSettings(dsn=database_url, pool_min_size=1, pool_max_size=1))
    yield pool
    await pool.close()


async def test_a_release_sends_nothing(one_connection_pool: DatabasePool) -> None:
    statements: list[str] = []
    async with one_connection_pool.acquire() as db:
        db.add_query_logger(lambda record: statements.append(record.query))
        await db.fetchval("SELECT 1")
    async with one_connection_pool.acquire() as db:
        await db.fetchval("SELECT 2")  # the same connection: it was released and taken again
    assert statements == ["SELECT 1", "SELECT 2"]  # no reset query in between


async def test_a_transaction_left_open_is_rolled_back_on_release(one_connection_pool: DatabasePool) -> None:
    async with one_connection_pool.acquire() as db:
        await db.execute("CREATE TEMPORARY TABLE left_behind (n int)")
        transaction = db.transaction()
        await transaction.start()
        await db.execute("INSERT INTO left_behind VALUES (1)")
        # released with the transaction still open (a bug elsewhere, or a cancelled task)
    async with one_connection_pool.acquire() as db:
        assert not db.is_in_transaction()
        assert await db.fetchval("SELECT count(*) FROM left_behind") == 0
