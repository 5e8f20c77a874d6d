"""One transaction on a pooled connection, with the repositories bound to it.

async with PostgresUnitOfWork(pool) as uow:
    await uow.suites.add(suite)
    uow.publish(event)       # NOTIFY sent inside the transaction, so only a commit delivers it
    await uow.commit()       # leaving the block without commit rolls back

async with PostgresUnitOfWork(pool, read_only=True) as uow:   # reads: one connection, no BEGIN/ROLLBACK
    suite = await uow.suites.get(suite_id)
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

import asyncpg
from asyncpg.pool import PoolAcquireContext, PoolConnectionProxy
from asyncpg.transaction import Transaction

from tcm_common.domain.events import ChangeEvent
from tcm_common.persistence.automation_repository import PostgresAutomationRepository
from tcm_common.persistence.batch_reads import PostgresBatchReads
from tcm_common.persistence.cases_repository import PostgresCaseRepository
from tcm_common.persistence.database_errors import connection_lost
from tcm_common.persistence.groups_repository import PostgresGroupRepository
from tcm_common.persistence.history_repositories import (
    PostgresEffortRepository,
    PostgresStatusChangeRepository,
)
from tcm_common.persistence.notifications import notify
from tcm_common.persistence.run_results_repository import PostgresResultRepository
from tcm_common.persistence.runs_repository import PostgresRunRepository
from tcm_common.persistence.suites_repository import PostgresSuiteRepository


class PostgresUnitOfWork:
    suites: PostgresSuiteRepository
    groups: PostgresGroupRepository
    cases: PostgresCaseRepository
    status_changes: PostgresStatusChangeRepository
    efforts: PostgresEffortRepository
    runs: PostgresRunRepository
    results: PostgresResultRepository
    automation: PostgresAutomationRepository
    reads: PostgresBatchReads

    def __init__(self, pool: asyncpg.Pool, *, read_only: bool = False) -> None:
        self._pool = pool
        self._read_only = read_only
        self._events: list[ChangeEvent] = []
        self._lease: PoolAcquireContext | None = None
        self._connection: PoolConnectionProxy | None = None
        self._transaction: Transaction | None = None
        self._finished = False

    async def __aenter__(self) -> Self:
        # The lease's exit releases the connection and turns database failures into domain errors
        # (persistence/database_errors.py), those of the whole unit of work included.
        lease = self._pool.acquire()
        connection = await lease.__aenter__()
        transaction = None if self._read_only else connection.transaction()
        try:
            if transaction is not None:
                await transaction.start()
        except BaseException as error:
            await lease.__aexit__(type(error), error, error.__traceback__)
            raise
        self._lease, self._connection, self._transaction = lease, connection, transaction
        self.suites = PostgresSuiteRepository(connection)
        self.groups = PostgresGroupRepository(connection)
        self.cases = PostgresCaseRepository(connection)
        self.status_changes = PostgresStatusChangeRepository(connection)
        self.efforts = PostgresEffortRepository(connection)
        self.runs = PostgresRunRepository(connection)
        self.results = PostgresResultRepository(connection)
        self.automation = PostgresAutomationRepository(connection)
        self.reads = PostgresBatchReads(connection)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        assert self._lease is not None
        assert self._connection is not None
        try:
            # A connection that broke took its transaction with it: nothing is left to roll back.
            if self._transaction is not None and not self._finished and not connection_lost(self._connection):
                await self._transaction.rollback()
        finally:
            lease, self._lease, self._connection, self._transaction = self._lease, None, None, None
            await lease.__aexit__(kind, error, traceback)

    def publish(self, event: ChangeEvent) -> None:
        self._events.append(event)

    async def commit(self) -> None:
        assert self._connection is not None
        assert self._transaction is not None, "a read-only unit of work cannot commit"
        for event in self._events:
            await notify(self._connection, event)
        self._events.clear()
        # Whether COMMIT succeeds or fails, PostgreSQL has ended the transaction: nothing to roll back.
        self._finished = True
        await self._transaction.commit()
