from urllib.parse import urlsplit

import asyncpg

from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database


async def test_pool_writes_and_reads_back(db_pool: asyncpg.Pool) -> None:
    async with db_pool.acquire() as connection:
        await connection.execute("CREATE TABLE probe (id int PRIMARY KEY, label text NOT NULL)")
        await connection.execute("INSERT INTO probe VALUES (1, 'written')")
        assert await connection.fetchval("SELECT label FROM probe WHERE id = 1") == "written"


async def test_each_database_is_unique_and_dropped_afterwards() -> None:
    server = await admin_url()
    async with throwaway_database(server) as first, throwaway_database(server) as second:
        assert first != second
        name = urlsplit(first).path.lstrip("/")
    admin = await asyncpg.connect(server)
    try:
        assert await admin.fetchval("SELECT count(*) FROM pg_database WHERE datname = $1", name) == 0
    finally:
        await admin.close()
