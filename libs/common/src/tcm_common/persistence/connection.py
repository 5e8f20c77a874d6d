"""Opens asyncpg connections and pools from DatabaseSettings (the password travels apart from the DSN).

The pool is a DatabasePool: database failures leave it as domain errors (persistence/database_errors.py).
"""

from __future__ import annotations

import ssl

import asyncpg

from tcm_common.persistence.database_errors import DatabasePool
from tcm_common.settings import DatabaseSettings, SslMode


class PooledConnection(asyncpg.Connection):
    """A pool connection released without asyncpg's reset query.

    On every release asyncpg sends `pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL`: a round
    trip per checkout for state this platform never leaves on a pooled connection. Its code takes
    advisory locks per transaction only, opens no cursor outside a transaction, sets nothing per session,
    and LISTENs (the change feed) and locks for migrations on connections of their own. asyncpg still
    rolls back a transaction left open (Connection.reset), so a failed unit of work leaves nothing behind.
    """

    def get_reset_query(self) -> str:
        return ""


def _password(settings: DatabaseSettings) -> str | None:
    return settings.password.reveal() if settings.password is not None else None


def ssl_context(settings: DatabaseSettings) -> ssl.SSLContext | bool | None:
    """What asyncpg's `ssl` argument gets: None leaves the choice to the DSN (asyncpg's default);
    verify-full checks the server certificate against the configured CA bundle and its host name."""
    if settings.ssl_mode is None:
        return None
    if settings.ssl_mode is SslMode.DISABLE:
        return False
    if settings.ssl_mode is SslMode.REQUIRE:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    context = ssl.create_default_context(cafile=settings.ssl_root_cert)
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context


async def connect(settings: DatabaseSettings) -> asyncpg.Connection:
    return await asyncpg.connect(settings.dsn, password=_password(settings), ssl=ssl_context(settings))


async def create_pool(settings: DatabaseSettings) -> DatabasePool:
    # What asyncpg.create_pool does, with the pool class that translates failures; the values not taken
    # from the settings are asyncpg's defaults.
    pool = DatabasePool(
        settings.dsn,
        password=_password(settings),
        ssl=ssl_context(settings),
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
        max_queries=50_000,
        max_inactive_connection_lifetime=300.0,
        loop=None,
        connection_class=PooledConnection,
        record_class=asyncpg.Record,
    )
    await pool
    return pool
