"""The suite's chart series (docs/charts.md) over the real database: the burn-up rebuilt from a history
spread over several days and the runs' pass rates, against the hand-computed figures of
tcm_common.testing.chart_history, in UTC and in Asia/Tokyo; any number of suites in the same statements."""

import secrets
from datetime import date, timedelta
from uuid import UUID

import asyncpg
import pytest

from tcm_common.domain.burn_up import MAX_DAYS, BurnUpPoint, burn_up, chart_days, planned_percent
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import SuiteFields
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.persistence.chart_reads import PostgresChartReads
from tcm_common.platform import Platform
from tcm_common.testing.chart_history import (
    END,
    EXPECTED_ACTUAL_IN_TOKYO,
    EXPECTED_BURN_UP,
    EXPECTED_PASS_RATES,
    START,
    seed_chart_history,
)
from tcm_common.testing.clock import FIXED_TODAY, ManualClock

UNKNOWN = UUID("00000000-0000-4000-8000-000000000000")


@pytest.fixture
async def charted(
    migrated_pool: asyncpg.Pool, database_url: str, manager: Principal, tester: Principal
) -> tuple[Platform, UUID]:
    clock = ManualClock()
    platform = Platform(migrated_pool, ChangeFeed(lambda: asyncpg.connect(database_url)), clock=clock)
    suite_id = await seed_chart_history(platform, clock, manager, tester, f"charts {secrets.token_hex(4)}")
    return platform, suite_id


def _series(points: list[BurnUpPoint]) -> list[tuple[date, float | None, float]]:
    return [(point.day, point.actual, point.planned) for point in points]


async def test_the_burn_up_is_rebuilt_from_the_history_day_by_day(
    charted: tuple[Platform, UUID], tester: Principal
) -> None:
    platform, suite_id = charted
    [points] = await platform.chart_loaders(tester).progress_histories([suite_id])
    assert _series(points) == EXPECTED_BURN_UP
    # Today's point is the suite's progress as every other read shows it.
    assert points[4].actual == (await platform.suites.get(tester, suite_id)).stats.progress


async def test_days_end_at_midnight_in_the_organisation_time_zone(
    charted: tuple[Platform, UUID], migrated_pool: asyncpg.Pool
) -> None:
    _, suite_id = charted
    [points] = await PostgresChartReads(migrated_pool).progress_histories([suite_id], FIXED_TODAY, "Asia/Tokyo")
    assert [point.actual for point in points if point.actual is not None] == EXPECTED_ACTUAL_IN_TOKYO


async def test_run_pass_rates_chart_the_started_runs_oldest_first(
    charted: tuple[Platform, UUID], tester: Principal
) -> None:
    platform, suite_id = charted
    [charted_runs] = await platform.chart_loaders(tester).run_pass_rates([suite_id])
    assert [
        (point.run.run.name, point.day, point.pass_rate, point.completion) for point in charted_runs
    ] == EXPECTED_PASS_RATES


async def test_only_the_latest_runs_are_charted(charted: tuple[Platform, UUID], migrated_pool: asyncpg.Pool) -> None:
    _, suite_id = charted
    [latest] = await PostgresChartReads(migrated_pool).run_pass_rates([suite_id], "UTC", 1)
    assert [point.run.run.name for point in latest] == ["second"]


async def test_many_suites_answer_in_order_and_unknown_ones_empty(
    charted: tuple[Platform, UUID], manager: Principal, tester: Principal
) -> None:
    platform, suite_id = charted
    empty = await platform.suites.create(manager, SuiteFields("no cases", FIXED_TODAY, FIXED_TODAY))
    loaders = platform.chart_loaders(tester)
    histories = await loaders.progress_histories([UNKNOWN, suite_id, empty.id])
    assert histories[0] == []
    assert _series(histories[1]) == EXPECTED_BURN_UP
    assert _series(histories[2]) == [(FIXED_TODAY, 0.0, 100.0)]
    assert await loaders.run_pass_rates([empty.id, UNKNOWN]) == [[], []]


async def test_anonymous_callers_read_no_chart(charted: tuple[Platform, UUID]) -> None:
    platform, suite_id = charted
    with pytest.raises(Unauthenticated):
        await platform.chart_loaders(None).progress_histories([suite_id])
    with pytest.raises(Unauthenticated):
        await platform.chart_loaders(None).run_pass_rates([suite_id])


def test_the_days_run_from_the_start_to_the_end_or_today_and_at_most_a_year() -> None:
    assert chart_days(START, END, date(2026, 3, 14)) == [START + timedelta(days=n) for n in range(10)]
    assert chart_days(START, END, date(2026, 3, 21))[-1] == date(2026, 3, 21)
    long_ago = chart_days(date(2020, 1, 1), date(2020, 2, 1), date(2026, 3, 14))
    assert len(long_ago) == MAX_DAYS
    assert long_ago[-1] == date(2026, 3, 14)
    # A suite starting after today still shows its planned period, with no actual point.
    future = burn_up(date(2026, 4, 1), date(2026, 4, 2), date(2026, 3, 14), {})
    assert [(point.day, point.actual, point.planned) for point in future] == [
        (date(2026, 4, 1), None, 50.0),
        (date(2026, 4, 2), None, 100.0),
    ]


def test_the_plan_is_a_straight_line_over_the_estimated_period() -> None:
    assert planned_percent(date(2026, 3, 9), START, END) == 0.0
    assert planned_percent(START, START, END) == 10.0
    assert planned_percent(date(2026, 3, 16), START, END) == 70.0
    assert planned_percent(END, START, END) == 100.0
    assert planned_percent(date(2026, 4, 1), START, END) == 100.0
    assert planned_percent(START, START, START) == 100.0
    assert planned_percent(date(2026, 3, 12), START, date(2026, 3, 12)) == 100.0
    assert planned_percent(date(2026, 3, 11), START, date(2026, 3, 12)) == 66.7
