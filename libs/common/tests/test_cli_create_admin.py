"""`python -m tcm_common.cli create-admin`: the first Admin of an installation, and only the first."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

import tcm_common.cli
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database


def run_create_admin(url: str, username: str, password: str) -> subprocess.CompletedProcess[str]:
    source_root = Path(tcm_common.cli.__file__).resolve().parents[1]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("TCM_")}
    environment |= {
        "PYTHONPATH": str(source_root),
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": url,
        "TCM_INITIAL_ADMIN_USERNAME": username,
        "TCM_INITIAL_ADMIN_PASSWORD": password,
    }
    return subprocess.run(
        [sys.executable, "-m", "tcm_common.cli", "create-admin"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
async def empty_installation() -> AsyncIterator[tuple[str, asyncpg.Connection]]:
    """A database of its own: the session's shared one must keep its Admin count for the auth tests."""
    async with throwaway_database(await admin_url()) as url:
        connection = await asyncpg.connect(url)
        await apply_migrations(connection)
        yield url, connection
        await connection.close()


async def test_creates_the_first_admin_once_and_refuses_weak_passwords(
    empty_installation: tuple[str, asyncpg.Connection],
) -> None:
    database_url, connection = empty_installation
    weak = run_create_admin(database_url, "first_admin", "short")
    assert weak.returncode == 1
    assert "password" in weak.stderr
    assert "short" not in weak.stderr + weak.stdout

    created = run_create_admin(database_url, "first_admin", "a long enough passphrase 42")
    assert created.returncode == 0, created.stderr
    role = await connection.fetchval("SELECT role FROM users WHERE username = 'first_admin'")
    assert role == "ADMIN"

    second = run_create_admin(database_url, "second_admin", "another long passphrase 43")
    assert second.returncode == 1
    assert "Admin exists already" in second.stderr
    assert await connection.fetchval("SELECT count(*) FROM users WHERE username = 'second_admin'") == 0
