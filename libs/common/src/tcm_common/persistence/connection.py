"""Opens asyncpg connections and pools from DatabaseSettings (the password travels apart from the DSN).

The pool is a DatabasePool: database failures leave it as domain errors (persistence/database_errors.py).
"""

from __future__ import annotations

import asyncpg

from tcm_common.persistence.database_errors import DatabasePool
from tcm_common.settings import DatabaseSettings


def _password(settings: DatabaseSettings) -> str | None:
    return settings.password.reveal() if settings.password is not None else None


async def connect(settings: DatabaseSettings) -> asyncpg.Connection:
    return await asyncpg.connect(settings.dsn, password=_password(settings))


async def create_pool(settings: DatabaseSettings) -> DatabasePool:
    # What asyncpg.create_pool does, with the pool class that translates failures; the values not taken
    # from the settings are asyncpg's defaults.
    pool = DatabasePool(
        settings.dsn,
        password=_password(settings),
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
        max_queries=50_000,
        max_inactive_connection_lifetime=300.0,
        loop=None,
        connection_class=asyncpg.Connection,
        record_class=asyncpg.Record,
    )
    await pool
    return pool
