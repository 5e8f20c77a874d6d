"""The PostgreSQL adapter of the AuthStorage port: every auth store bound to one connection.

    storage = PostgresAuthStorage(pool)            # a service: a pooled connection per block
    storage = PostgresAuthStorage(connection)      # a one-off command on its own connection
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from tcm_common.persistence.auth.api_tokens import PostgresApiTokenStore
from tcm_common.persistence.auth.login_attempts import PostgresLoginAttemptLog, PostgresThrottleCounters
from tcm_common.persistence.auth.sessions import PostgresSessionStore
from tcm_common.persistence.auth.users import PostgresUserStore
from tcm_common.persistence.connection_types import DbConnection


class PostgresAuthStores:
    def __init__(self, db: DbConnection) -> None:
        self.sessions = PostgresSessionStore(db)
        self.users = PostgresUserStore(db)
        self.api_tokens = PostgresApiTokenStore(db)
        self.attempts = PostgresLoginAttemptLog(db)
        self.throttle = PostgresThrottleCounters(db)


class PostgresAuthStorage:
    def __init__(self, source: asyncpg.Pool | DbConnection) -> None:
        self._source = source

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[PostgresAuthStores]:
        async with self._connected() as db:
            yield PostgresAuthStores(db)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PostgresAuthStores]:
        async with self._connected() as db, db.transaction():
            yield PostgresAuthStores(db)

    @asynccontextmanager
    async def _connected(self) -> AsyncIterator[DbConnection]:
        if isinstance(self._source, asyncpg.Pool):
            async with self._source.acquire() as db:
                yield db
        else:
            yield self._source
