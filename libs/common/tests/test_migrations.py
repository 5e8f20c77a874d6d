import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

import tcm_common
from tcm_common.persistence.migrator import Migration, MigrationError, apply_migrations, load_migrations
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database


@pytest.fixture
async def empty_database() -> AsyncIterator[str]:
    async with throwaway_database(await admin_url()) as url:
        yield url


async def test_from_empty_then_idempotent(empty_database: str) -> None:
    names = [migration.name for migration in load_migrations()]
    assert names[0] == "0001_users.sql"
    assert await apply_migrations(empty_database) == names
    assert await apply_migrations(empty_database) == []
    connection = await asyncpg.connect(empty_database)
    try:
        recorded = await connection.fetch("SELECT name, checksum FROM schema_migrations ORDER BY name")
        assert [(row["name"], row["checksum"]) for row in recorded] == [
            (migration.name, migration.checksum) for migration in load_migrations()
        ]
        user = await connection.fetchrow(
            "INSERT INTO users (username, role, password_hash) VALUES ('Alice', 'TESTER', 'h') RETURNING *"
        )
        assert user is not None
        assert (user["disabled"], user["version"]) == (False, 1)
        with pytest.raises(asyncpg.UniqueViolationError):
            await connection.execute(
                "INSERT INTO users (username, role, password_hash) VALUES ('alice', 'ADMIN', 'h')"
            )
        with pytest.raises(asyncpg.CheckViolationError):
            await connection.execute(
                "INSERT INTO users (username, role, password_hash) VALUES ('bob', 'ROOT', 'h')"
            )
    finally:
        await connection.close()


async def test_refuses_a_changed_migration(empty_database: str) -> None:
    first = Migration("0001_probe.sql", "CREATE TABLE probe (id int)")
    await apply_migrations(empty_database, [first])
    changed = Migration("0001_probe.sql", "CREATE TABLE probe (id bigint)")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        await apply_migrations(empty_database, [changed, Migration("0002_more.sql", "SELECT 1")])
    connection = await asyncpg.connect(empty_database)
    try:
        assert await connection.fetchval("SELECT count(*) FROM schema_migrations") == 1
    finally:
        await connection.close()


async def test_refuses_a_database_ahead_of_the_code(empty_database: str) -> None:
    await apply_migrations(
        empty_database, [Migration("0001_a.sql", "SELECT 1"), Migration("0002_b.sql", "SELECT 1")]
    )
    with pytest.raises(MigrationError, match="does not know"):
        await apply_migrations(empty_database, [Migration("0001_a.sql", "SELECT 1")])


async def test_failing_migration_leaves_nothing_behind(empty_database: str) -> None:
    broken = Migration("0001_broken.sql", "CREATE TABLE half (id int); SELECT no_such_function()")
    with pytest.raises(asyncpg.UndefinedFunctionError):
        await apply_migrations(empty_database, [broken])
    connection = await asyncpg.connect(empty_database)
    try:
        assert await connection.fetchval("SELECT to_regclass('half')") is None
        assert await connection.fetchval("SELECT count(*) FROM schema_migrations") == 0
    finally:
        await connection.close()


async def test_api_tokens_from_before_0014_show_just_the_common_prefix(empty_database: str) -> None:
    migrations = load_migrations()
    [index] = [i for i, migration in enumerate(migrations) if migration.name == "0014_api_tokens_display_prefix.sql"]
    await apply_migrations(empty_database, migrations[:index])
    connection = await asyncpg.connect(empty_database)
    try:
        user_id = await connection.fetchval(
            "INSERT INTO users (username, role, password_hash) VALUES ('ci', 'TESTER', 'h') RETURNING id"
        )
        await connection.execute(
            "INSERT INTO api_tokens (user_id, name, token_hash, expires_at) VALUES ($1, 'old', $2, now())",
            user_id,
            bytes(32),
        )
        await apply_migrations(empty_database, migrations)
        # Its start was never stored: the API can only show the part every token shares.
        assert await connection.fetchval("SELECT display_prefix FROM api_tokens") == "tcm_"
        # A new token must state its prefix (no default would quietly hide a forgotten one).
        with pytest.raises(asyncpg.NotNullViolationError):
            await connection.execute(
                "INSERT INTO api_tokens (user_id, name, token_hash, expires_at) VALUES ($1, 'new', $2, now())",
                user_id,
                bytes([1]) * 32,
            )
    finally:
        await connection.close()


def _run_cli(url: str) -> "subprocess.Popen[str]":
    source_root = Path(tcm_common.__file__).resolve().parents[1]
    environ = {
        **os.environ,
        "PYTHONPATH": str(source_root),
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": url,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tcm_common.cli", "migrate"],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def test_two_processes_migrate_concurrently(empty_database: str) -> None:
    processes = [_run_cli(empty_database), _run_cli(empty_database)]
    outputs = await asyncio.gather(
        *(asyncio.to_thread(process.communicate, timeout=60) for process in processes)
    )
    assert [process.returncode for process in processes] == [0, 0], outputs
    applied = [
        line.removeprefix("applied ")
        for out, _ in outputs
        for line in out.splitlines()
        if line.startswith("applied ")
    ]
    assert sorted(applied) == [migration.name for migration in load_migrations()]
    connection = await asyncpg.connect(empty_database)
    try:
        assert await connection.fetchval("SELECT count(*) FROM schema_migrations") == len(load_migrations())
    finally:
        await connection.close()


def test_cli_reports_missing_configuration() -> None:
    environ = {key: value for key, value in os.environ.items() if not key.startswith("TCM_")}
    source_root = Path(tcm_common.__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "tcm_common.cli", "migrate"],
        env={**environ, "PYTHONPATH": str(source_root)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "TCM_ENVIRONMENT is required" in result.stderr
