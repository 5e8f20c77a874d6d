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


def _insert_copies(table: str, copies: str, *, parent: str | None, own_ids: bool, replaced: dict[str, str]) -> str:
    """Every row of `table` again for each row of the mapping table `copies` (old_id, new_id, parent_id):
    with `own_ids` the mapping is this table's own (old row -> its copy, under the copied parent);
    otherwise it is the parent's, and each copy gets a new id."""
    values = []
    for column in COLUMNS[table]:
        if column == "id":
            values.append("m.new_id" if own_ids else "gen_random_uuid()")
        elif column == parent:
            values.append("m.parent_id" if own_ids else "m.new_id")
        else:
            values.append(replaced.get(column, f"t.{column}"))
    joined_on = "t.id" if own_ids else f"t.{parent}"
    return (
        f"INSERT INTO {table} ({', '.join(COLUMNS[table])}) "  # noqa: S608 - names from COLUMNS, no input
        f"SELECT {', '.join(values)} FROM {copies} m JOIN {table} t ON {joined_on} = m.old_id"
    )


# Each suite `copies` times: a temporary table cannot be created from a statement with parameters.
_SUITE_COPIES = (
    "CREATE TEMP TABLE suite_copies ON COMMIT DROP AS SELECT id AS old_id, gen_random_uuid() AS new_id, "
    "NULL::uuid AS parent_id, k AS copy FROM test_suites, generate_series(1, {copies}) AS k"
)


def _multiplying(copies: int) -> str:
    older = "- m.copy * interval '1 year'"
    return ";\n".join(
        [
            _SUITE_COPIES.format(copies=int(copies)),
            "CREATE TEMP TABLE group_copies ON COMMIT DROP AS SELECT g.id AS old_id, gen_random_uuid() AS new_id, "
            "m.new_id AS parent_id FROM suite_copies m JOIN test_groups g ON g.suite_id = m.old_id",
            "CREATE TEMP TABLE case_copies ON COMMIT DROP AS SELECT c.id AS old_id, gen_random_uuid() AS new_id, "
            "m.new_id AS parent_id FROM group_copies m JOIN test_cases c ON c.group_id = m.old_id",
            _insert_copies(
                "test_suites", "suite_copies", parent=None, own_ids=True,
                replaced={
                    "name": "t.name || ' copy ' || m.copy",
                    "created_at": f"t.created_at {older}",
                    "updated_at": f"t.updated_at {older}",
                },
            ),  # fmt: skip
            _insert_copies("test_groups", "group_copies", parent="suite_id", own_ids=True, replaced={}),
            _insert_copies("test_cases", "case_copies", parent="group_id", own_ids=True, replaced={}),
            _insert_copies("status_changes", "case_copies", parent="case_id", own_ids=False, replaced={}),
            _insert_copies("effort_records", "case_copies", parent="case_id", own_ids=False, replaced={}),
        ]
    )


async def multiply(database_url: str, factor: int) -> dict[str, int]:
    """Grows the seeded data to `factor` times itself in set-based INSERT ... SELECT statements: every
    suite again `factor - 1` times with its groups, cases, history and effort (new ids, a year older per
    copy, so the newest suites, and the first page of the list, stay the seeded ones). Returns the counts."""
    connection = await asyncpg.connect(database_url)
    try:
        async with connection.transaction():
            # The copies refer to rows that exist by construction: no foreign-key trigger per row (a
            # superuser's setting, which the test server's admin connection has): 70 s became 14 s here.
            await connection.execute("SET LOCAL session_replication_role = replica")
            await connection.execute(_multiplying(factor - 1))
            # Replica mode fires no trigger either: the dashboard's tallies are counted again (migration 0060).
            await connection.execute("SELECT dashboard_recount_tallies()")
        await connection.execute("ANALYZE")
        return {
            table.removeprefix("test_"): await connection.fetchval(f"SELECT count(*) FROM {table}")  # noqa: S608
            for table in COLUMNS
        }
    finally:
        await connection.close()
