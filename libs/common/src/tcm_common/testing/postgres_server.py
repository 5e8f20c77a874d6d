"""Finds a PostgreSQL server for tests: TEST_DATABASE_URL, the local one, or an embedded one."""

from __future__ import annotations

import os
from pathlib import Path

import asyncpg

LOCAL_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


async def _answers(url: str) -> bool:
    try:
        connection = await asyncpg.connect(url, timeout=3)
    except (TimeoutError, OSError, asyncpg.PostgresError):
        return False
    await connection.close()
    return True


def _embedded_server_url() -> str:
    # pgserver bundles PostgreSQL; one data folder is shared by every test process of the machine.
    import pgserver

    data_dir = Path(os.environ.get("TCM_TEST_PG_DATA") or Path.home() / ".cache" / "tcm" / "test-postgres")
    data_dir.mkdir(parents=True, exist_ok=True)
    pgserver.get_server(data_dir, cleanup_mode=None)  # type: ignore[attr-defined]
    return f"postgresql://postgres@/postgres?host={data_dir}"


async def admin_url() -> str:
    """URL of a maintenance database on a server where tests may create and drop their own databases."""
    explicit = os.environ.get("TEST_DATABASE_URL")
    if explicit:
        return explicit
    if await _answers(LOCAL_SERVER_URL):
        return LOCAL_SERVER_URL
    return _embedded_server_url()
