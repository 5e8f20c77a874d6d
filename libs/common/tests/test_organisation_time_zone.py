"""The organisation's time zone defines "today" for every date rule (docs/domain.md): effort dates,
delay and delay days, the dashboard, the demo data. Checked at the edges of the day in UTC+9
(Asia/Tokyo), UTC-10 (Pacific/Honolulu) and UTC+14 (Pacific/Kiritimati), with an injected clock,
through the Platform over the real database."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import UUID
from zoneinfo import ZoneInfo

import asyncpg
import pytest

from tcm_common.application.clock import Clock
from tcm_common.demo.catalogue import DEMO_SUITES
from tcm_common.demo.seeding import demo_id, seed_demo_data
from tcm_common.domain.case import CaseFields
from tcm_common.domain.effort import EffortFields
from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.suite import SuiteFields
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.platform import Platform
from tcm_common.settings import Environment, SettingsError, load_time_zone
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database

TOKYO = ZoneInfo("Asia/Tokyo")  # UTC+9
HONOLULU = ZoneInfo("Pacific/Honolulu")  # UTC-10
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14
DECEMBER_FIRST = date(2026, 12, 1)


def utc(month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


@dataclass
class SettableInstant:
    instant: datetime

    def __call__(self) -> datetime:
        return self.instant


# (zone, the last UTC instant of 30 November there, the first UTC instant of 1 December there)
EDGES = [
    pytest.param(TOKYO, utc(11, 30, 14, 59, 59), utc(11, 30, 15), id="Asia/Tokyo"),
    pytest.param(HONOLULU, utc(12, 1, 9, 59, 59), utc(12, 1, 10), id="Pacific/Honolulu"),
    pytest.param(KIRITIMATI, utc(11, 30, 9, 59, 59), utc(11, 30, 10), id="Pacific/Kiritimati"),
]


@pytest.mark.parametrize(("zone", "last_moment", "first_moment"), EDGES)
def test_today_turns_at_midnight_in_the_organisation_zone(
    zone: ZoneInfo, last_moment: datetime, first_moment: datetime
) -> None:
    assert Clock(zone, lambda: last_moment).today() == date(2026, 11, 30)
    assert Clock(zone, lambda: first_moment).today() == DECEMBER_FIRST
    assert Clock(zone, lambda: first_moment).now() == first_moment  # instants stay UTC
    assert Clock(zone, lambda: first_moment).now().tzinfo is UTC


def test_the_time_zone_setting() -> None:
    assert load_time_zone({}) == ZoneInfo("UTC")
    assert load_time_zone({"TCM_TIME_ZONE": "Asia/Tokyo"}) == TOKYO
    for wrong in ("Mars/Olympus_Mons", "../etc/passwd", "UTC+9"):
        with pytest.raises(SettingsError, match="TCM_TIME_ZONE=.* is not an IANA time zone name"):
            load_time_zone({"TCM_TIME_ZONE": wrong})


@pytest.fixture
async def feed(database_url: str) -> AsyncIterator[ChangeFeed]:
    changes = ChangeFeed(lambda: asyncpg.connect(database_url))
    yield changes
    await changes.close()


@dataclass
class Zoned:
    platform: Platform
    instant: SettableInstant


def zoned(pool: asyncpg.Pool, feed: ChangeFeed, zone: ZoneInfo, instant: datetime) -> Zoned:
    settable = SettableInstant(instant)
    return Zoned(Platform(pool, feed, clock=Clock(zone, settable)), settable)


async def a_case(platform: Platform, manager: Principal, end: date) -> tuple[UUID, UUID]:
    suite = await platform.suites.create(manager, SuiteFields("Zoned", end - timedelta(days=10), end))
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))
    case = await platform.cases.create(manager, group.id, CaseFields("C"))
    return suite.id, case.id


@pytest.mark.parametrize(("zone", "last_moment", "first_moment"), EDGES)
async def test_effort_dated_today_there_is_accepted_from_midnight_there(
    migrated_pool: asyncpg.Pool,
    feed: ChangeFeed,
    manager: Principal,
    tester: Principal,
    zone: ZoneInfo,
    last_moment: datetime,
    first_moment: datetime,
) -> None:
    world = zoned(migrated_pool, feed, zone, last_moment)
    _, case_id = await a_case(world.platform, manager, DECEMBER_FIRST + timedelta(days=30))
    # 23:59:59 on 30 November there: 1 December is still the future, whatever the UTC date is.
    with pytest.raises(ValidationFailed, match="date: must not be in the future"):
        await world.platform.efforts.record(tester, case_id, EffortFields(DECEMBER_FIRST, Decimal(1)))
    world.instant.instant = first_moment
    result = await world.platform.efforts.record(tester, case_id, EffortFields(DECEMBER_FIRST, Decimal(1)))
    assert result.entry.record.work_date == DECEMBER_FIRST
    with pytest.raises(ValidationFailed, match="date: must not be in the future"):
        await world.platform.efforts.record(
            tester, case_id, EffortFields(DECEMBER_FIRST + timedelta(days=1), Decimal(1))
        )


@pytest.mark.parametrize(("zone", "last_moment", "first_moment"), EDGES)
async def test_delay_starts_the_day_after_the_end_date_there(
    migrated_pool: asyncpg.Pool,
    feed: ChangeFeed,
    manager: Principal,
    zone: ZoneInfo,
    last_moment: datetime,
    first_moment: datetime,
) -> None:
    world = zoned(migrated_pool, feed, zone, last_moment)
    suite_id, case_id = await a_case(world.platform, manager, date(2026, 11, 30))
    [facts] = await world.platform.loaders(manager).case_facts([case_id])
    assert (facts.is_delayed, facts.delay_days) == (False, 0)
    tree = await world.platform.suite_tree(manager, suite_id)
    assert tree.groups[0].cases[0].facts.delay_days == 0

    world.instant.instant = first_moment
    [facts] = await world.platform.loaders(manager).case_facts([case_id])
    assert (facts.is_delayed, facts.delay_days) == (True, 1)
    tree = await world.platform.suite_tree(manager, suite_id)
    assert tree.groups[0].cases[0].facts.delay_days == 1


@dataclass
class DashboardWorld:
    pool: asyncpg.Pool
    feed: ChangeFeed
    manager: Principal
    instant: SettableInstant


@pytest.fixture
async def dashboard_world() -> AsyncIterator[DashboardWorld]:
    # Its own database: the dashboard counts every suite there is.
    async with throwaway_database(await admin_url()) as url:
        await apply_migrations(url)
        pool = await asyncpg.create_pool(url, min_size=1, max_size=2)
        feed = ChangeFeed(lambda: asyncpg.connect(url))
        try:
            user_id = await pool.fetchval(
                "INSERT INTO users (username, role, password_hash) VALUES ('tz_manager', 'MANAGER', 'x')"
                " RETURNING id"
            )
            manager = Principal(user_id, "tz_manager", Role.MANAGER)
            yield DashboardWorld(pool, feed, manager, SettableInstant(utc(12, 1, 0)))
        finally:
            await feed.close()
            await pool.close()


async def test_the_dashboard_counts_delays_by_the_organisation_date(dashboard_world: DashboardWorld) -> None:
    world = dashboard_world
    platform = Platform(world.pool, world.feed, clock=Clock(HONOLULU, world.instant))
    await a_case(platform, world.manager, date(2026, 11, 30))
    # 09:59:59 UTC on 1 December: the UTC date is past the end date, Honolulu's is not.
    world.instant.instant = utc(12, 1, 9, 59, 59)
    assert (await platform.dashboard.get(world.manager)).delayed_case_count == 0
    world.instant.instant = utc(12, 1, 10)
    assert (await platform.dashboard.get(world.manager)).delayed_case_count == 1


async def test_demo_data_is_dated_from_the_organisation_date() -> None:
    # 20:00 UTC on 30 November is already 1 December in Kiritimati.
    clock = Clock(KIRITIMATI, lambda: utc(11, 30, 20))
    async with throwaway_database(await admin_url()) as url:
        await apply_migrations(url)
        connection = await asyncpg.connect(url)
        try:
            await seed_demo_data(connection, Environment.DEVELOPMENT, clock)
            demo = DEMO_SUITES[0]
            start = await connection.fetchval(
                "SELECT estimated_start_date FROM test_suites WHERE id = $1", demo_id(demo.name)
            )
        finally:
            await connection.close()
    assert start == DECEMBER_FIRST + timedelta(days=demo.starts_in_days)
