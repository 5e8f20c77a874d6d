"""The composition root each service builds once: every use case, grouped by resource.

    platform = await Platform.start(settings.database, clock=Clock(settings.time_zone))  # pool + feed
    suite = await platform.suites.create(principal, SuiteFields(...))
    page = await platform.suites.list(principal, SuiteFilter(search="login"), PageRequest.of(20, after))
    tree = await platform.suite_tree(principal, suite.id)    # groups, cases, progress: 3 statements, 1 connection
    dashboard = await platform.dashboard.get(principal)      # suites by status, progress, delays: 1 statement
    platform.organisation.get(principal).time_zone           # "Asia/Tokyo": where "today" is judged
    loaders = platform.loaders(principal)                    # batch functions for per-request DataLoaders
    charts = platform.chart_loaders(principal)               # burn-up and run pass rates per suite
    async with platform.changes.watch_suite(principal, suite.id) as watch: ...  # NotFound, snapshot
    await platform.close()

Every use case takes the acting Principal (None when anonymous) and raises the errors of
tcm_common.domain.errors, so every protocol gives the same answer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from uuid import UUID

import asyncpg

from tcm_common.application.automation_keys import AutomationKeyUseCases
from tcm_common.application.cases import CaseUseCases
from tcm_common.application.changes import ChangeSubscriptions
from tcm_common.application.chart_loaders import ChartLoaders
from tcm_common.application.clock import SYSTEM_CLOCK, Clock
from tcm_common.application.dashboard import DashboardQuery
from tcm_common.application.efforts import EffortUseCases
from tcm_common.application.groups import GroupUseCases
from tcm_common.application.loaders import Loaders
from tcm_common.application.organisation import OrganisationQuery
from tcm_common.application.read_models import CaseView, SuiteTree
from tcm_common.application.run_loaders import RunLoaders
from tcm_common.application.run_reports import RunReportUseCases
from tcm_common.application.runs import RunUseCases
from tcm_common.application.suites import SuiteUseCases
from tcm_common.application.trees import group_cases, suite_tree
from tcm_common.domain.errors import ServiceUnavailable
from tcm_common.domain.principal import Principal
from tcm_common.persistence.batch_reads import PostgresBatchReads
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.persistence.chart_reads import PostgresChartReads
from tcm_common.persistence.connection import connect, create_pool
from tcm_common.persistence.dashboard_reads import PostgresDashboardReads
from tcm_common.persistence.run_batch_reads import PostgresRunBatchReads
from tcm_common.persistence.unit_of_work import PostgresUnitOfWork
from tcm_common.settings import DatabaseSettings


class Platform:
    def __init__(self, pool: asyncpg.Pool, feed: ChangeFeed, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.pool = pool  # also for tcm_common.auth, which keeps its own tables
        self._feed = feed
        self.clock = clock  # the organisation's "today" too: clients show its time zone
        self._reads = PostgresBatchReads(pool)
        self._run_reads = PostgresRunBatchReads(pool)
        self._chart_reads = PostgresChartReads(pool)

        def unit_of_work(*, read_only: bool = False) -> PostgresUnitOfWork:
            return PostgresUnitOfWork(pool, read_only=read_only)

        self.suites = SuiteUseCases(unit_of_work, clock)
        self.groups = GroupUseCases(unit_of_work, clock)
        self.cases = CaseUseCases(unit_of_work, clock)
        self.efforts = EffortUseCases(unit_of_work, clock)
        self.runs = RunUseCases(unit_of_work, clock)
        self.run_reports = RunReportUseCases(unit_of_work, clock)
        self.automation_keys = AutomationKeyUseCases(unit_of_work, clock)
        self.changes = ChangeSubscriptions(feed, unit_of_work)
        self.dashboard = DashboardQuery(PostgresDashboardReads(pool), clock)
        self.organisation = OrganisationQuery(clock)

    @classmethod
    async def start(cls, settings: DatabaseSettings, *, clock: Clock = SYSTEM_CLOCK) -> Platform:
        pool = await create_pool(settings)
        return cls(pool, ChangeFeed(lambda: connect(settings)), clock=clock)

    def loaders(self, principal: Principal | None) -> Loaders:
        """One set per request: DataLoaders cache, and a cache must never outlive its caller's request."""
        return Loaders(self._reads, principal, self.clock)

    def run_loaders(self, principal: Principal | None) -> RunLoaders:
        """One set per request, like `loaders`."""
        return RunLoaders(self._run_reads, principal)

    def chart_loaders(self, principal: Principal | None) -> ChartLoaders:
        """One set per request, like `loaders`: the series of the suite's charts (docs/charts.md)."""
        return ChartLoaders(self._chart_reads, principal, self.clock)

    async def suite_tree(self, principal: Principal | None, suite_id: UUID) -> SuiteTree:
        async with self._one_connection(principal) as loaders:
            return await suite_tree(loaders, suite_id)

    async def group_cases(self, principal: Principal | None, group_id: UUID) -> list[CaseView]:
        async with self._one_connection(principal) as loaders:
            return await group_cases(loaders, group_id)

    @asynccontextmanager
    async def _one_connection(self, principal: Principal | None) -> AsyncIterator[Loaders]:
        """Loaders whose reads share one pooled connection: one checkout for a use case's few sequential
        statements, not one per statement (docs/decisions/0016). Not for GraphQL's DataLoaders, whose
        batches may run side by side."""
        async with PostgresUnitOfWork(self.pool, read_only=True) as uow:
            yield Loaders(uow.reads, principal, self.clock)

    async def database_ready(self) -> bool:
        """For /ready and the gRPC health service: can a query run now?"""
        try:
            return bool(await self.pool.fetchval("SELECT true", timeout=2))
        except (ServiceUnavailable, OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
            return False

    async def close(self) -> None:
        await self._feed.close()
        await self.pool.close()
