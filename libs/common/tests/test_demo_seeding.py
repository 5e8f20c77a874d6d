"""The demo-data command: users and suites in varied statuses, idempotent, refused in production."""

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from itertools import pairwise
from pathlib import Path

import asyncpg
import pytest

import tcm_common
from tcm_common import cli
from tcm_common.application.clock import Clock
from tcm_common.demo.catalogue import DEMO_SUITES
from tcm_common.demo.seeding import DemoDataRefusedError, seed_demo_data
from tcm_common.demo.workflow import path_to
from tcm_common.domain.case_status import CASE_TRANSITIONS, CaseStatus
from tcm_common.domain.suite_status import SUITE_TRANSITIONS, SuiteStatus
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.settings import Environment
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database

TABLES = ("users", "test_suites", "test_groups", "test_cases", "status_changes", "effort_records")


@pytest.fixture(scope="module")
async def seeded_url() -> AsyncIterator[str]:
    # Its own database: the demo Admin must not join the Admins that the auth tests count.
    async with throwaway_database(await admin_url()) as url:
        await apply_migrations(url)
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


async def test_seeds_once_and_then_changes_nothing(seeded_url: str) -> None:
    connection = await asyncpg.connect(seeded_url)
    try:
        assert await seed_demo_data(connection, Environment.DEVELOPMENT, Clock()) == [
            demo.name for demo in DEMO_SUITES
        ]
        first = await snapshot(connection)
        assert await seed_demo_data(connection, Environment.DEVELOPMENT, Clock()) == []
        assert await snapshot(connection) == first
    finally:
        await connection.close()
    users = {row["username"]: row["role"] for row in first["users"]}
    assert users == {"demo_user": "ADMIN", "demo_manager": "MANAGER", "demo_tester": "TESTER"}
    assert {row["status"] for row in first["test_suites"]} == {"IN_PROGRESS", "PREPARATION"}
    assert len({row["status"] for row in first["test_cases"]}) == len(CaseStatus)
    assert all(row["password_hash"].startswith("$argon2id$") for row in first["users"])


async def test_history_is_a_legal_walk_by_the_demo_tester(seeded_url: str) -> None:
    connection = await asyncpg.connect(seeded_url)
    try:
        await seed_demo_data(connection, Environment.DEVELOPMENT, Clock())  # in place already, unless run alone
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
            "JOIN test_suites s ON s.id = g.suite_id WHERE s.estimated_end_date < current_date "
            "AND c.status <> 'COMPLETED'"
        )
        assert overdue > 0, "the demo should show delayed cases"
    finally:
        await connection.close()


async def test_refused_in_production(seeded_url: str) -> None:
    connection = await asyncpg.connect(seeded_url)
    try:
        with pytest.raises(DemoDataRefusedError):
            await seed_demo_data(connection, Environment.PRODUCTION, Clock())
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
