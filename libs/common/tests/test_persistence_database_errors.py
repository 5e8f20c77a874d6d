"""Database failures leave the persistence adapters as domain errors (docs/errors.md), logged once per
outage."""

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from uuid import uuid4

import asyncpg
import pytest

from tcm_common.domain.errors import ConcurrentChange, NotFound, ServiceUnavailable
from tcm_common.persistence.connection import create_pool
from tcm_common.persistence.database_errors import DatabasePool, translated
from tcm_common.persistence.unit_of_work import PostgresUnitOfWork
from tcm_common.settings import DatabaseSettings

LOGGER = "tcm_common.persistence.database_errors"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ConnectionRefusedError(111, "Connection refused"), ServiceUnavailable),
        (FileNotFoundError(2, "No such file or directory"), ServiceUnavailable),
        (TimeoutError(), ServiceUnavailable),
        (asyncpg.CannotConnectNowError("the database system is starting up"), ServiceUnavailable),
        (asyncpg.AdminShutdownError("terminating connection due to administrator command"), ServiceUnavailable),
        (asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"), ServiceUnavailable),
        (asyncpg.TooManyConnectionsError("sorry, too many clients already"), ServiceUnavailable),
        (asyncpg.SerializationError("could not serialize access"), ConcurrentChange),
        (asyncpg.DeadlockDetectedError("deadlock detected"), ConcurrentChange),
    ],
)
def test_database_failures_become_domain_errors(error: Exception, expected: type[Exception]) -> None:
    assert isinstance(translated(error), expected)


@pytest.mark.parametrize(
    "error",
    [asyncpg.UniqueViolationError("duplicate key"), asyncpg.InterfaceError("another operation is in progress")],
)
def test_faults_of_a_statement_on_a_live_connection_stay_what_they_are(error: Exception) -> None:
    assert translated(error) is None
    # ... unless the connection they happened on has gone: then the outage is the cause.
    assert isinstance(translated(error, connection_closed=True), ServiceUnavailable)


def test_domain_errors_pass_through() -> None:
    assert translated(NotFound("suite", "x")) is None


@pytest.fixture
async def pool(migrated_pool: asyncpg.Pool, database_url: str) -> AsyncIterator[DatabasePool]:  # noqa: ARG001 requested for its side effect
    # One connection, so the one a unit of work gets is the one whose backend the test knows.
    pool = await create_pool(DatabaseSettings(dsn=database_url, pool_min_size=0, pool_max_size=1))
    try:
        yield pool
    finally:
        await pool.close()


async def test_an_outage_is_logged_once_when_it_starts_and_once_when_it_ends(
    pool: DatabasePool, database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pool.set_connect_args(dsn=f"postgresql://postgres@/postgres?host={tmp_path}")  # no server listens there
    await pool.expire_connections()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        for _ in range(3):
            with pytest.raises(ServiceUnavailable) as caught:
                await pool.fetchval("SELECT 1")
            assert caught.value.retry_after_seconds
        pool.set_connect_args(dsn=database_url)
        for _ in range(3):
            assert await pool.fetchval("SELECT 1") == 1

    messages = [record.getMessage() for record in caplog.records if record.name == LOGGER]
    assert len(messages) == 2, messages
    assert messages[0].startswith("the database is unavailable")
    assert messages[1] == "the database answers again"
    assert all(record.exc_info is None for record in caplog.records)


async def _terminate(database_url: str, pid: int) -> None:
    admin = await asyncpg.connect(database_url)
    try:
        await admin.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await admin.close()


async def test_a_connection_lost_during_a_unit_of_work_is_unavailable_and_leaks_nothing(
    pool: DatabasePool, database_url: str
) -> None:
    backend = await pool.fetchval("SELECT pg_backend_pid()")

    async def read_after_the_connection_broke() -> None:
        async with PostgresUnitOfWork(pool) as uow:
            await _terminate(database_url, backend)
            await _until(lambda: pool.get_size() == 0)  # the pool saw its connection go
            await uow.suites.get(uuid4())

    with pytest.raises(ServiceUnavailable):
        await read_after_the_connection_broke()

    assert pool.get_size() - pool.get_idle_size() == 0  # the connection went back to the pool
    async with PostgresUnitOfWork(pool) as uow:  # and the next unit of work works
        assert await uow.suites.get(uuid4()) is None


async def test_a_connection_lost_during_a_statement_is_unavailable(pool: DatabasePool, database_url: str) -> None:
    async def cut_during_a_statement() -> None:
        async with pool.acquire() as db:
            statement = asyncio.create_task(db.fetchval("SELECT pg_sleep(30)"))
            await _until_sleeping(database_url, db.get_server_pid())
            await _terminate(database_url, db.get_server_pid())
            await statement

    with pytest.raises(ServiceUnavailable):
        await cut_during_a_statement()
    assert await pool.fetchval("SELECT 2") == 2


async def _until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        await asyncio.sleep(0.01)


async def _until_sleeping(database_url: str, pid: int) -> None:
    admin = await asyncpg.connect(database_url)
    try:
        deadline = time.monotonic() + 10
        while await admin.fetchval("SELECT wait_event FROM pg_stat_activity WHERE pid = $1", pid) != "PgSleep":
            assert time.monotonic() < deadline, "the statement never started"
            await asyncio.sleep(0.01)
    finally:
        await admin.close()


async def test_a_serialization_failure_inside_a_block_is_a_concurrent_change(pool: DatabasePool) -> None:
    async def lose_a_race() -> None:
        async with pool.acquire() as db, db.transaction(isolation="serializable"):
            await db.execute("SELECT 1")
            raise asyncpg.SerializationError("could not serialize access due to concurrent update")

    with pytest.raises(ConcurrentChange):
        await lose_a_race()
