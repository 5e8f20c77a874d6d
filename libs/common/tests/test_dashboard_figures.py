"""The dashboard against the real database, in a database of its own (it counts every suite there is):
suites by status, weighted overall progress, case and delayed-case counts, in one statement."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

import asyncpg
import pytest

from tcm_common.application.clock import Clock
from tcm_common.application.read_models import Dashboard, StatusCount
from tcm_common.domain.case import CaseFields
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.priority import Priority
from tcm_common.domain.suite import SuiteFields
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.platform import Platform
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database

END = date(2026, 11, 20)  # the estimated end date of the suite that is late first
COMPLETE = (CaseStatus.TESTING, CaseStatus.REVIEW_WAITING, CaseStatus.REVIEWING, CaseStatus.COMPLETED)


@dataclass
class FixedClock:
    today: date

    def __call__(self) -> datetime:
        return datetime.combine(self.today, time(12), tzinfo=UTC)


@dataclass(eq=False)  # hashable: asyncpg keeps its query loggers in a set
class StatementLog:
    statements: list[str] = field(default_factory=list)

    def __call__(self, record: Any) -> None:
        self.statements.append(record.query)

    async def take(self) -> list[str]:
        await asyncio.sleep(0.05)  # asyncpg hands records to loggers with call_soon
        # RESET ALL: what the pool runs when a connection comes back.
        taken = [statement for statement in self.statements if "RESET ALL" not in statement]
        self.statements.clear()
        return taken


@dataclass
class Installation:
    platform: Platform
    clock: FixedClock
    log: StatementLog
    manager: Principal
    tester: Principal


async def _principal(pool: asyncpg.Pool, username: str, role: Role) -> Principal:
    user_id: UUID = await pool.fetchval(
        "INSERT INTO users (username, role, password_hash) VALUES ($1, $2, 'not-a-hash') RETURNING id",
        username,
        role.value,
    )
    return Principal(user_id, username, role)


@pytest.fixture
async def installation() -> AsyncIterator[Installation]:
    async with throwaway_database(await admin_url()) as url:
        connection = await asyncpg.connect(url)
        try:
            await apply_migrations(connection)
        finally:
            await connection.close()
        log = StatementLog()

        async def init(pooled: asyncpg.Connection) -> None:
            pooled.add_query_logger(log)

        pool = await asyncpg.create_pool(url, min_size=1, max_size=1, init=init)
        feed = ChangeFeed(lambda: asyncpg.connect(url))
        clock = FixedClock(END)
        try:
            manager = await _principal(pool, "dash_manager", Role.MANAGER)
            tester = await _principal(pool, "dash_tester", Role.TESTER)
            platform = Platform(pool, feed, clock=Clock(read_instant=clock))
            yield Installation(platform, clock, log, manager, tester)
        finally:
            await feed.close()
            await pool.close()


async def _dashboard(installation: Installation) -> tuple[Dashboard, list[str]]:
    await installation.log.take()
    dashboard = await installation.platform.dashboard.get(installation.tester)
    return dashboard, await installation.log.take()


async def _suite(installation: Installation, name: str, end: date, *statuses: SuiteStatus) -> UUID:
    platform, manager = installation.platform, installation.manager
    suite = await platform.suites.create(manager, SuiteFields(name, end - timedelta(days=10), end))
    for status in statuses:
        suite = await platform.suites.change_status(manager, suite.id, status)
    return suite.id


async def _case(installation: Installation, group_id: UUID, priority: Priority, *steps: CaseStatus) -> None:
    platform = installation.platform
    fields = CaseFields(f"{priority} case", priority=priority)
    case = await platform.cases.create(installation.manager, group_id, fields)
    for status in steps:
        await platform.cases.change_status(installation.tester, case.id, status)


async def test_an_empty_installation_shows_every_status_and_zeros(installation: Installation) -> None:
    dashboard, statements = await _dashboard(installation)
    assert dashboard == Dashboard(
        suites_by_status=[StatusCount(status, 0) for status in SuiteStatus],
        overall_progress=0.0,
        case_count=0,
        delayed_case_count=0,
    )
    assert len(statements) == 1, statements


async def test_counts_weighted_progress_and_delays_across_the_end_date(installation: Installation) -> None:
    platform, manager = installation.platform, installation.manager
    # Ends on END: on time that day, late from the day after.
    on_time = await _suite(installation, "Ends on END", END, SuiteStatus.IN_PROGRESS)
    group = await platform.groups.create(manager, on_time, GroupFields("Checkout"))
    await _case(installation, group.id, Priority.CRITICAL, *COMPLETE)  # 4 x 1.0
    await _case(installation, group.id, Priority.HIGH, *COMPLETE[:3])  # 3 x 0.75
    await _case(installation, group.id, Priority.LOW)  # 1 x 0
    # Ended the day before END: late already.
    late = await _suite(installation, "Ended before END", END - timedelta(days=1), SuiteStatus.SUSPENDED)
    first, second = [await platform.groups.create(manager, late, GroupFields(name)) for name in ("A", "B")]
    await _case(installation, first.id, Priority.MEDIUM, CaseStatus.TESTING)  # 2 x 0.25
    await _case(installation, second.id, Priority.LOW, *COMPLETE)  # 1 x 1.0, completed: never late
    # Suites without cases count by status only.
    await _suite(installation, "Empty", END)
    empty_group_suite = await _suite(installation, "Empty group", END - timedelta(days=30))
    await platform.groups.create(manager, empty_group_suite, GroupFields("Nothing yet"))
    await _suite(installation, "Done", END, SuiteStatus.IN_PROGRESS, SuiteStatus.COMPLETED)

    dashboard, statements = await _dashboard(installation)
    assert len(statements) == 1, statements
    assert dashboard.suites_by_status == [
        StatusCount(SuiteStatus.PREPARATION, 2),
        StatusCount(SuiteStatus.IN_PROGRESS, 1),
        StatusCount(SuiteStatus.COMPLETED, 1),
        StatusCount(SuiteStatus.SUSPENDED, 1),
    ]
    # (4 + 2.25 + 0 + 0.5 + 1) / (4 + 3 + 1 + 2 + 1) = 70.45...%; unweighted it would be 60%.
    assert dashboard.overall_progress == 70.5
    assert dashboard.case_count == 5
    assert dashboard.delayed_case_count == 1  # the MEDIUM case in TESTING

    installation.clock.today = END - timedelta(days=1)  # the late suite's own end date: nothing late yet
    assert (await _dashboard(installation))[0].delayed_case_count == 0
    installation.clock.today = END + timedelta(days=1)  # both suites are over: every unfinished case
    assert (await _dashboard(installation))[0].delayed_case_count == 3


async def test_the_dashboard_needs_a_signed_in_caller(installation: Installation) -> None:
    with pytest.raises(Unauthenticated):
        await installation.platform.dashboard.get(None)
