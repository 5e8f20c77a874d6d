"""Fills a migrated database with a realistic volume in a few COPY statements.

Suites (newest first by created_at) with groups and cases; each case has reached its status through the
legal workflow, with one history row per step, and effort records once it has been tested. An Admin
with a password (GraphQL signs in) and an API token (REST and gRPC send it as a bearer token).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

import asyncpg

from tcm_bench.profile import DataShape
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.testing import TEST_PASSWORD, create_user, issue_api_token
from tcm_common.demo.workflow import path_to
from tcm_common.domain.case_status import CASE_TRANSITIONS, CaseStatus
from tcm_common.domain.principal import Role
from tcm_common.domain.priority import Priority

ADMIN_USERNAME = "bench_admin"
# Where cases are, weighted: most are somewhere in the workflow, a fifth are done, some not started.
_STATUS_WEIGHTS = {
    CaseStatus.CREATED: 3,
    CaseStatus.TESTING: 3,
    CaseStatus.FIXING: 1,
    CaseStatus.RETESTING: 1,
    CaseStatus.REVIEW_WAITING: 1,
    CaseStatus.REVIEWING: 1,
    CaseStatus.COMPLETED: 3,
}
_SUITE_STATUSES = ("IN_PROGRESS",) * 6 + ("PREPARATION", "COMPLETED", "SUSPENDED")


@dataclass(frozen=True, slots=True)
class CaseState:
    id: UUID
    status: CaseStatus
    version: int


@dataclass(frozen=True, slots=True)
class SeededData:
    admin_username: str
    admin_password: str = field(repr=False)
    api_token: str = field(repr=False)
    admin_id: UUID
    suite_ids: list[UUID]
    cases: list[CaseState]  # those the write benchmark may move: none of a COMPLETED suite
    counts: dict[str, int]


async def _admin(database_url: str) -> tuple[UUID, str]:
    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
    try:
        # The service's own parameters: signing in costs what it costs in production.
        admin = await create_user(pool, PasswordHasher(), role=Role.ADMIN, username=ADMIN_USERNAME)
        async with pool.acquire() as db:
            secret = await issue_api_token(db, admin.id, name="benchmark")
    finally:
        await pool.close()
    return admin.id, secret


COLUMNS: dict[str, tuple[str, ...]] = {
    "test_suites": (
        "id", "name", "description", "status", "estimated_start_date", "estimated_end_date",
        "require_effort_comment", "created_at", "updated_at", "version",
    ),
    "test_groups": ("id", "suite_id", "name", "description", "display_order", "created_at", "updated_at", "version"),
    "test_cases": (
        "id", "group_id", "title", "description", "status", "priority", "planned_effort", "created_at",
        "updated_at", "version",
    ),
    "status_changes": ("id", "case_id", "from_status", "to_status", "reason", "changed_by", "changed_at"),
    "effort_records": ("id", "case_id", "work_date", "hours", "comment", "recorded_by", "created_at"),
}  # fmt: skip

Row = tuple[object, ...]


class _Rows:
    """The rows of every table, in the order of COLUMNS, made from one seeded random generator."""

    def __init__(self, rng: random.Random, admin_id: UUID, now: datetime) -> None:
        self.tables: dict[str, list[Row]] = {table: [] for table in COLUMNS}
        self.suite_ids: list[UUID] = []
        self.cases: list[CaseState] = []
        self._rng = rng
        self._admin_id = admin_id
        self._now = now
        self._paths = {status: path_to(CaseStatus.CREATED, status, CASE_TRANSITIONS) for status in CaseStatus}

    def suite(self, number: int, shape: DataShape) -> None:
        rng = self._rng
        suite_id = uuid.uuid4()
        self.suite_ids.append(suite_id)
        created = self._now - timedelta(days=90) + timedelta(minutes=number)
        start = self._now.date() - timedelta(days=rng.randint(0, 60))
        # About a third ended in the past: their unfinished cases are delayed.
        end: date = start + timedelta(days=rng.randint(10, 90))
        status = rng.choice(_SUITE_STATUSES)
        name, description = f"Suite {number:04d}", f"Regression suite number {number}"
        self.tables["test_suites"].append((suite_id, name, description, status, start, end, False, created, created, 1))
        for g in range(shape.groups_per_suite):
            group_id = uuid.uuid4()
            self.tables["test_groups"].append((group_id, suite_id, f"Group {g}", None, g, created, created, 1))
            for c in range(shape.cases_per_group):
                self._case(
                    group_id, f"Case {g}.{c}", created + timedelta(seconds=c), start, writable=status != "COMPLETED"
                )

    def _case(self, group_id: UUID, title: str, created: datetime, suite_start: date, *, writable: bool) -> None:
        rng = self._rng
        case_id = uuid.uuid4()
        status = rng.choices(list(_STATUS_WEIGHTS), list(_STATUS_WEIGHTS.values()))[0]
        steps = self._paths[status]
        version = 1 + len(steps)
        priority = rng.choice(list(Priority)).value
        planned = Decimal(rng.randint(1, 16)) / 2
        self.tables["test_cases"].append(
            (case_id, group_id, title, "Steps and expected result", status.value, priority, planned, created,
             created, version)
        )  # fmt: skip
        if writable:  # the cases of a COMPLETED suite are read-only (docs/domain.md: closed suites)
            self.cases.append(CaseState(case_id, status, version))
        previous = CaseStatus.CREATED
        for n, step in enumerate(steps):
            changed_at = created + timedelta(hours=n + 1)
            self.tables["status_changes"].append(
                (uuid.uuid4(), case_id, previous.value, step.value, None, self._admin_id, changed_at)
            )
            previous = step
        for e in range(min(len(steps), 2)):
            hours = Decimal(rng.randint(1, 8))
            self.tables["effort_records"].append(
                (uuid.uuid4(), case_id, suite_start + timedelta(days=e), hours, None, self._admin_id,
                 created + timedelta(hours=e + 1))
            )  # fmt: skip


async def seed(database_url: str, shape: DataShape, *, random_seed: int = 20260101) -> SeededData:
    admin_id, token = await _admin(database_url)
    rows = _Rows(random.Random(random_seed), admin_id, datetime.now(UTC))  # noqa: S311 - test data
    for number in range(shape.suites):
        rows.suite(number, shape)
    connection = await asyncpg.connect(database_url)
    try:
        async with connection.transaction():
            for table, columns in COLUMNS.items():
                await connection.copy_records_to_table(table, records=rows.tables[table], columns=columns)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return SeededData(
        admin_username=ADMIN_USERNAME,
        admin_password=TEST_PASSWORD,
        api_token=token,
        admin_id=admin_id,
        # Newest first, as the lists page them.
        suite_ids=rows.suite_ids[::-1],
        cases=rows.cases,
        counts={table.removeprefix("test_"): len(records) for table, records in rows.tables.items()},
    )
