"""The demo-data command: users and suites in varied statuses, idempotent, refused in production."""

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import asyncpg
import pytest

import tcm_common
from tcm_common import cli
from tcm_common.demo.catalogue import DEMO_SUITES
from tcm_common.demo.seeding import DemoDataRefusedError, demo_id, seed_demo_data, step_days_ago
from tcm_common.demo.workflow import path_to
from tcm_common.domain.case_status import CASE_TRANSITIONS, CaseStatus
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.suite_status import SUITE_TRANSITIONS, SuiteStatus
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.platform import Platform
from tcm_common.settings import Environment
from tcm_common.testing.clock import FIXED_NOW, FIXED_TODAY, ManualClock
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database

TABLES = (
    "users",
    "test_suites",
    "test_groups",
    "test_cases",
    "status_changes",
    "effort_records",
    "test_runs",
    "run_entries",
    "result_records",
)


@pytest.fixture(scope="module")
async def seeded_url() -> AsyncIterator[str]:
    # Its own database: the demo Admin must not join the Admins that the auth tests count.
    async with throwaway_database(await admin_url()) as url:
        await apply_migrations(url)
        yield url


@pytest.fixture(scope="module")
async def seeded_on_fixed_day() -> AsyncIterator[str]:
    """A database seeded on FIXED_NOW (Asia/Tokyo), so the dates below are known whatever the wall date."""
    async with throwaway_database(await admin_url()) as url:
        await apply_migrations(url)
        connection = await asyncpg.connect(url)
        try:
            await seed_demo_data(connection, Environment.DEVELOPMENT, ManualClock(time_zone="Asia/Tokyo"))
        finally:
            await connection.close()
        yield url


def run_cli(environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    source_root = Path(tcm_common.__file__).resolve().parents[1]
    return subprocess.run(
        [sys.executable, "-m", cli.__name__, "seed-demo"],
        env={**os.environ, "PYTHONPATH": str(source_root), **environ},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def snapshot(connection: asyncpg.Connection) -> dict[str, list[asyncpg.Record]]:
    return {table: await connection.fetch(f"SELECT * FROM {table} ORDER BY id") for table in TABLES}


async def test_seeds_once_and_then_changes_nothing() -> None:
    async with throwaway_database(await admin_url()) as url:
        await apply_migrations(url)
        first = await seed_twice(url)
    users = {row["username"]: row["role"] for row in first["users"]}
    assert users == {"demo_user": "ADMIN", "demo_manager": "MANAGER", "demo_tester": "TESTER"}
    assert {row["status"] for row in first["test_suites"]} == {"IN_PROGRESS", "PREPARATION"}
    assert len({row["status"] for row in first["test_cases"]}) == len(CaseStatus)
    assert all(row["password_hash"].startswith("$argon2id$") for row in first["users"])


async def seed_twice(url: str) -> dict[str, list[asyncpg.Record]]:
    """The tables after a first seed, asserting that a second one changes nothing."""
    connection = await asyncpg.connect(url)
    try:
        assert await seed_demo_data(connection, Environment.DEVELOPMENT, ManualClock()) == [
            demo.name for demo in DEMO_SUITES
        ]
        first = await snapshot(connection)
        assert await seed_demo_data(connection, Environment.DEVELOPMENT, ManualClock()) == []
        assert await snapshot(connection) == first
    finally:
        await connection.close()
    return first


async def test_history_is_a_legal_walk_by_the_demo_tester(seeded_on_fixed_day: str) -> None:
    connection = await asyncpg.connect(seeded_on_fixed_day)
    try:
        tester = await connection.fetchval("SELECT id FROM users WHERE username = 'demo_tester'")
        cases = await connection.fetch("SELECT id, status FROM test_cases")
        for case in cases:
            steps = await connection.fetch(
                "SELECT from_status, to_status, changed_by FROM status_changes"
                " WHERE case_id = $1 ORDER BY changed_at",
                case["id"],
            )
            walk = [CaseStatus.CREATED, *[CaseStatus(step["to_status"]) for step in steps]]
            assert [CaseStatus(step["from_status"]) for step in steps] == walk[:-1]
            assert all(after in CASE_TRANSITIONS[before] for before, after in pairwise(walk))
            assert walk[-1] == case["status"]
            assert all(step["changed_by"] == tester for step in steps)
        overdue = await connection.fetchval(
            "SELECT count(*) FROM test_cases c JOIN test_groups g ON g.id = c.group_id "
            "JOIN test_suites s ON s.id = g.suite_id WHERE s.estimated_end_date < $1 "
            "AND c.status <> 'COMPLETED'",
            FIXED_TODAY,
        )
        assert overdue > 0, "the demo should show delayed cases"
    finally:
        await connection.close()


async def test_refused_in_production(seeded_url: str) -> None:
    connection = await asyncpg.connect(seeded_url)
    try:
        with pytest.raises(DemoDataRefusedError):
            await seed_demo_data(connection, Environment.PRODUCTION, ManualClock())
    finally:
        await connection.close()


def test_the_cli_refuses_production(seeded_url: str) -> None:
    result = run_cli({"TCM_ENVIRONMENT": "production", "TCM_DATABASE_URL": seeded_url})
    assert result.returncode == 1
    assert "never seeded in production" in result.stderr


def test_the_cli_seeds(seeded_url: str) -> None:
    source_root = Path(tcm_common.__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", cli.__name__, "seed-demo"],
        env={
            **os.environ,
            "PYTHONPATH": str(source_root),
            "TCM_ENVIRONMENT": "test",
            "TCM_DATABASE_URL": seeded_url,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "demo data in place" in result.stdout


async def test_history_is_spread_over_the_days_since_each_suite_started(seeded_on_fixed_day: str) -> None:
    connection = await asyncpg.connect(seeded_on_fixed_day)
    try:
        rows = await connection.fetch(
            "SELECT s.name, s.estimated_start_date AS start, c.created_at, h.changed_at,"
            " (h.changed_at AT TIME ZONE 'Asia/Tokyo')::date AS day"
            " FROM status_changes h JOIN test_cases c ON c.id = h.case_id"
            " JOIN test_groups g ON g.id = c.group_id JOIN test_suites s ON s.id = g.suite_id"
        )
    finally:
        await connection.close()
    started = [demo for demo in DEMO_SUITES if demo.starts_in_days < 0]
    for demo in started:
        days = {row["day"] for row in rows if row["name"] == demo.name}
        assert len(days) >= 4, (demo.name, sorted(days))
        assert min(days) >= FIXED_TODAY + timedelta(days=demo.starts_in_days)
        assert max(days) <= FIXED_TODAY
    assert all(row["created_at"] < row["changed_at"] <= FIXED_NOW for row in rows)


async def test_runs_were_executed_on_past_days_one_still_in_progress(seeded_on_fixed_day: str) -> None:
    connection = await asyncpg.connect(seeded_on_fixed_day)
    try:
        runs = await connection.fetch(
            "SELECT r.name, r.status, r.created_at, r.started_at, r.completed_at, s.name AS suite,"
            " (SELECT min(x.recorded_at) FROM result_records x WHERE x.run_id = r.id) AS first_result,"
            " (SELECT max(x.recorded_at) FROM result_records x WHERE x.run_id = r.id) AS last_result,"
            " (SELECT count(*) FROM run_entries e WHERE e.run_id = r.id AND e.result <> 'UNTESTED') AS tested"
            " FROM test_runs r JOIN test_suites s ON s.id = r.suite_id ORDER BY r.created_at"
        )
    finally:
        await connection.close()
    expected = [(demo.name, run) for demo in DEMO_SUITES for run in demo.runs]
    assert sorted((run["suite"], run["name"]) for run in runs) == sorted((suite, run.name) for suite, run in expected)
    for (suite, demo), row in ((pair, next(r for r in runs if r["name"] == pair[1].name)) for pair in expected):
        assert row["suite"] == suite
        assert row["status"] == ("COMPLETED" if demo.completed else "IN_PROGRESS")
        assert row["tested"] == len(demo.results) - demo.results.count(".")
        # Created, started by its first result, completed after its last one, on its day.
        assert row["created_at"] < row["started_at"] == row["first_result"] <= row["last_result"]
        if demo.completed:
            assert row["last_result"] < row["completed_at"] == FIXED_NOW - timedelta(days=demo.days_ago)
        else:
            assert row["completed_at"] is None
            assert row["last_result"] <= FIXED_NOW
    assert {row["status"] for row in runs} == {"COMPLETED", "IN_PROGRESS"}


async def test_the_demo_charts_show_progress_moving_and_runs_over_several_days(seeded_on_fixed_day: str) -> None:
    """What the suite page's charts read (docs/charts.md), on the seeded data."""
    pool = await asyncpg.create_pool(seeded_on_fixed_day, min_size=1, max_size=2)
    try:
        feed = ChangeFeed(lambda: asyncpg.connect(seeded_on_fixed_day))
        platform = Platform(pool, feed, clock=ManualClock(time_zone="Asia/Tokyo"))
        reader = Principal(demo_id("reader"), "reader", Role.TESTER)
        web_shop = demo_id(DEMO_SUITES[0].name)
        [history] = await platform.chart_loaders(reader).progress_histories([web_shop])
        [runs] = await platform.chart_loaders(reader).run_pass_rates([web_shop])
        progress = (await platform.suites.get(reader, web_shop)).stats.progress
    finally:
        await pool.close()
    actual = [point.actual for point in history if point.actual is not None]
    assert len(actual) == -DEMO_SUITES[0].starts_in_days + 1
    assert len(set(actual)) >= 4
    assert actual == sorted(actual), "the demo only moves cases forward"
    assert actual[-1] == progress
    assert [point.run.run.name for point in runs] == [run.name for run in DEMO_SUITES[0].runs]
    assert len({point.day for point in runs}) == len(runs)
    # "PFFBPFP": 3 of 7 passed; "PP.P...": 3 tested, all passed.
    assert (runs[0].pass_rate, runs[-1].pass_rate, runs[-1].completion) == (42.9, 100.0, 42.9)


def test_steps_never_go_back_in_time_nor_leave_the_window() -> None:
    for elapsed in (0, 1, 14, 30):
        for steps in range(1, 7):
            for stagger in range(3):
                days = [step_days_ago(elapsed, steps, step, stagger) for step in range(1, steps + 1)]
                assert days == sorted(days, reverse=True)
                assert all(0 <= day <= elapsed for day in days)


def test_paths_follow_the_tables() -> None:
    assert path_to(SuiteStatus.PREPARATION, SuiteStatus.COMPLETED, SUITE_TRANSITIONS) == [
        SuiteStatus.IN_PROGRESS,
        SuiteStatus.COMPLETED,
    ]
    assert path_to(CaseStatus.CREATED, CaseStatus.CREATED, CASE_TRANSITIONS) == []
    assert path_to(CaseStatus.CREATED, CaseStatus.COMPLETED, CASE_TRANSITIONS) == [
        CaseStatus.TESTING,
        CaseStatus.REVIEW_WAITING,
        CaseStatus.REVIEWING,
        CaseStatus.COMPLETED,
    ]
