"""Opens asyncpg connections and pools from DatabaseSettings (the password travels apart from the DSN)."""

from __future__ import annotations

import asyncpg

from tcm_common.settings import DatabaseSettings


def _password(settings: DatabaseSettings) -> str | None:
    return settings.password.reveal() if settings.password is not None else None


async def connect(settings: DatabaseSettings) -> asyncpg.Connection:
    return await asyncpg.connect(settings.dsn, password=_password(settings))


async def create_pool(settings: DatabaseSettings) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        settings.dsn,
        password=_password(settings),
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
    )
    # create_pool is typed Optional only for its await-less form; awaited, it always returns the pool.
    assert pool is not None
    return pool
