"""Applies the SQL files of tcm_common.persistence.migrations in order, each once, safely in parallel.

    applied = await apply_migrations("postgresql://...")   # or an open asyncpg connection

A session advisory lock serialises concurrent runners (two tasks starting at once); `schema_migrations`
records each file's name and SHA-256, and a run refuses to continue when an applied file has changed
or when the database holds a migration this code does not know. Each file runs in its own transaction.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg

from tcm_common.persistence.connection_types import DbConnection

MIGRATIONS_PACKAGE = "tcm_common.persistence.migrations"
# Arbitrary but fixed: every runner of every version must contend for the same lock.
_LOCK_KEY = 0x7C3_0001
_FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name       text PRIMARY KEY,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations(package: str = MIGRATIONS_PACKAGE) -> list[Migration]:
    files = [entry for entry in importlib.resources.files(package).iterdir() if entry.name.endswith(".sql")]
    migrations: list[Migration] = []
    numbers: set[str] = set()
    for entry in sorted(files, key=lambda item: item.name):
        match = _FILE_NAME.match(entry.name)
        if match is None:
            raise MigrationError(f"migration file {entry.name} is not named NNNN_lowercase_words.sql")
        if match.group(1) in numbers:
            raise MigrationError(f"two migration files share the number {match.group(1)}")
        numbers.add(match.group(1))
        migrations.append(Migration(entry.name, entry.read_text(encoding="utf-8")))
    return migrations


def _check_history(applied: dict[str, str], migrations: Sequence[Migration]) -> None:
    known = {migration.name: migration for migration in migrations}
    for name, checksum in applied.items():
        if name not in known:
            raise MigrationError(f"the database has migration {name}, which this release does not know")
        if known[name].checksum != checksum:
            raise MigrationError(f"migration {name} was changed after it was applied; add a new migration")


async def _apply(connection: DbConnection, migrations: Sequence[Migration]) -> list[str]:
    await connection.execute("SELECT pg_advisory_lock($1)", _LOCK_KEY)
    try:
        await connection.execute(_CREATE_TABLE)
        rows = await connection.fetch("SELECT name, checksum FROM schema_migrations")
        applied = {row["name"]: row["checksum"] for row in rows}
        _check_history(applied, migrations)
        newly_applied: list[str] = []
        for migration in migrations:
            if migration.name in applied:
                continue
            async with connection.transaction():
                await connection.execute(migration.sql)
                await connection.execute(
                    "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)",
                    migration.name,
                    migration.checksum,
                )
            newly_applied.append(migration.name)
        return newly_applied
    finally:
        await connection.execute("SELECT pg_advisory_unlock($1)", _LOCK_KEY)


async def apply_migrations(
    connection_or_url: DbConnection | str, migrations: Sequence[Migration] | None = None
) -> list[str]:
    """Applies what is missing and returns the names applied now (empty when up to date)."""
    wanted = load_migrations() if migrations is None else migrations
    if isinstance(connection_or_url, str):
        connection = await asyncpg.connect(connection_or_url)
        try:
            return await _apply(connection, wanted)
        finally:
            await connection.close()
    return await _apply(connection_or_url, wanted)
