"""One transaction on a pooled connection, with the repositories bound to it.

async with PostgresUnitOfWork(pool) as uow:
    await uow.suites.add(suite)
    uow.publish(event)       # NOTIFY sent inside the transaction, so only a commit delivers it
    await uow.commit()       # leaving the block without commit rolls back
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

import asyncpg
from asyncpg.pool import PoolConnectionProxy
from asyncpg.transaction import Transaction

from tcm_common.domain.events import ChangeEvent
from tcm_common.persistence.automation_repository import PostgresAutomationRepository
from tcm_common.persistence.batch_reads import PostgresBatchReads
from tcm_common.persistence.cases_repository import PostgresCaseRepository
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

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._events: list[ChangeEvent] = []
        self._connection: PoolConnectionProxy | None = None
        self._transaction: Transaction | None = None
        self._finished = False

    async def __aenter__(self) -> Self:
        connection = await self._pool.acquire()
        transaction = connection.transaction()
        try:
            await transaction.start()
        except BaseException:
            await self._pool.release(connection)
            raise
        self._connection, self._transaction = connection, transaction
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
        assert self._connection is not None
        assert self._transaction is not None
        try:
            if not self._finished:
                await self._transaction.rollback()
        finally:
            await self._pool.release(self._connection)
            self._connection = self._transaction = None

    def publish(self, event: ChangeEvent) -> None:
        self._events.append(event)

    async def commit(self) -> None:
        assert self._connection is not None
        assert self._transaction is not None
        for event in self._events:
            await notify(self._connection, event)
        self._events.clear()
        # Whether COMMIT succeeds or fails, PostgreSQL has ended the transaction: nothing to roll back.
        self._finished = True
        await self._transaction.commit()
