"""Database failures become domain errors here, at the adapter boundary, so every protocol answers them
by category (docs/errors.md) and no service needs to know asyncpg:

    the database can't be reached, refuses connections, shuts down or drops a connection mid-query
        -> ServiceUnavailable (every protocol: "unavailable, retry shortly")
    PostgreSQL gave up a transaction that raced another (serialization failure, deadlock)
        -> ConcurrentChange (conflict: send the request again)

    pool = await create_pool(settings)        # a DatabasePool (tcm_common.persistence.connection)
    async with pool.acquire() as db: ...      # failures inside the block are translated too

The pool also keeps the outage log: one warning when the database goes away and one when it answers
again, instead of a traceback per request while it is down.
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from typing import Any, NoReturn

import asyncpg
from asyncpg.pool import PoolAcquireContext, PoolConnectionProxy

from tcm_common.domain.errors import ConcurrentChange, DomainError, ServiceUnavailable

logger = logging.getLogger(__name__)

# What "the database can't be reached" looks like: refused or timed-out connects (OSError covers
# ConnectionRefusedError, a missing socket file and TimeoutError), PostgreSQL starting up or shutting
# down, a connection that broke, and a server without free connection slots.
_UNREACHABLE = (
    OSError,
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
)

UNAVAILABLE_MESSAGE = "the database is unavailable; try again shortly"
RETRY_AFTER_SECONDS = 2


def translated(error: BaseException, *, connection_closed: bool = False) -> DomainError | None:
    """The domain error for a database failure, or None for anything else (a bug stays a bug).
    `connection_closed`: the connection the error happened on has gone, so any asyncpg error on it
    (e.g. "connection is closed" on the rollback) is the outage, not a fault of the statement."""
    if isinstance(error, DomainError):
        return None
    if isinstance(error, _UNREACHABLE) or (
        connection_closed
        and isinstance(error, (asyncpg.InterfaceError, asyncpg.InternalClientError, asyncpg.PostgresError))
    ):
        return ServiceUnavailable(UNAVAILABLE_MESSAGE, retry_after_seconds=RETRY_AFTER_SECONDS)
    if isinstance(error, asyncpg.TransactionRollbackError):
        return ConcurrentChange()
    return None


def connection_lost(connection: PoolConnectionProxy | None) -> bool:
    """True when the pooled connection broke; the pool then takes it back at once, so asking the proxy
    anything raises."""
    if connection is None:
        return False
    try:
        return connection.is_closed()
    except asyncpg.InterfaceError:
        return True


class OutageLog:
    """Logs the transitions only: the first failure of an outage and the first answer after it."""

    def __init__(self) -> None:
        self.down = False

    def failed(self, error: BaseException) -> None:
        if not self.down:
            self.down = True
            logger.warning(
                "the database is unavailable (%s: %s); requests answer 'unavailable' until it is back",
                type(error).__name__,
                error,
            )

    def answered(self) -> None:
        if self.down:
            self.down = False
            logger.warning("the database answers again")


class _FloorRetries(logging.Filter):
    """asyncpg logs every failed attempt to reopen the pool's minimum connections with a traceback;
    during an outage that repeats the OutageLog's one warning many times over, so it is left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to restore the pool connection floor")


def _quiet_floor_retries() -> None:
    pool_logger = logging.getLogger("asyncpg.pool")
    if not any(isinstance(existing, _FloorRetries) for existing in pool_logger.filters):
        pool_logger.addFilter(_FloorRetries())


class DatabasePool(asyncpg.Pool):
    """An asyncpg pool whose connections translate database failures (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outages = OutageLog()
        _quiet_floor_retries()

    def acquire(self, *, timeout: float | None = None) -> PoolAcquireContext:
        return _TranslatingLease(self, timeout)

    def failure(self, error: BaseException, *, connection_closed: bool = False) -> DomainError | None:
        domain_error = translated(error, connection_closed=connection_closed)
        if isinstance(domain_error, ServiceUnavailable):
            self.outages.failed(error)
        else:
            # The database answered, even if with an error of the statement.
            self.outages.answered()
        return domain_error


class _TranslatingLease(PoolAcquireContext):
    __slots__ = ()

    def _raise_translated(self, error: Exception, *, connection_closed: bool = False) -> NoReturn:
        assert isinstance(self.pool, DatabasePool)
        domain_error = self.pool.failure(error, connection_closed=connection_closed)
        if domain_error is None:
            raise error
        raise domain_error from error

    async def __aenter__(self) -> PoolConnectionProxy:
        try:
            return await super().__aenter__()
        except Exception as error:
            self._raise_translated(error)

    async def __aexit__(self, *exc: object) -> None:
        assert isinstance(self.pool, DatabasePool)
        error = exc[1] if len(exc) > 1 and isinstance(exc[1], Exception) else None
        closed = connection_lost(self.connection)
        try:
            await super().__aexit__(*exc)
        except Exception as release_error:
            if error is None:
                self._raise_translated(release_error, connection_closed=closed)
        if error is None:
            self.pool.outages.answered()
            return
        domain_error = self.pool.failure(error, connection_closed=closed)
        if domain_error is not None:
            raise domain_error from error

    def __await__(self) -> Generator[Any, None, PoolConnectionProxy]:
        # `await pool.acquire()`: only the acquiring is translated; the caller releases the connection.
        return self.__aenter__().__await__()
