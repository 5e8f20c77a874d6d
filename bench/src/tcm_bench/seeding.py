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
from tcm_common.auth import api_token_store
from tcm_common.auth.opaque_tokens import digest, new_api_token
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.testing import TEST_PASSWORD, create_user
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
    cases: list[CaseState]
    counts: dict[str, int]


def _paths() -> dict[CaseStatus, list[CaseStatus]]:
    return {status: path_to(CaseStatus.CREATED, status, CASE_TRANSITIONS) for status in CaseStatus}


async def _admin(database_url: str) -> tuple[UUID, str]:
    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
    try:
        # The service's own parameters: signing in costs what it costs in production.
        admin = await create_user(pool, PasswordHasher(), role=Role.ADMIN, username=ADMIN_USERNAME)
        secret = new_api_token()
        async with pool.acquire() as db:
            await api_token_store.insert_api_token(
                db,
                owner_id=admin.id,
                name="benchmark",
                token_hash=digest(secret),
                expires_at=datetime.now(UTC) + timedelta(days=1),
            )
    finally:
        await pool.close()
    return admin.id, secret


async def seed(database_url: str, shape: DataShape, *, random_seed: int = 20260101) -> SeededData:
    admin_id, token = await _admin(database_url)
    rng = random.Random(random_seed)  # noqa: S311 - test data, not secrets
    paths = _paths()
    statuses, weights = list(_STATUS_WEIGHTS), list(_STATUS_WEIGHTS.values())
    priorities = list(Priority)
    now = datetime.now(UTC)
    today = now.date()
    suites: list[tuple[object, ...]] = []
    groups: list[tuple[object, ...]] = []
    cases: list[tuple[object, ...]] = []
    history: list[tuple[object, ...]] = []
    efforts: list[tuple[object, ...]] = []
    case_states: list[CaseState] = []
    suite_ids: list[UUID] = []
    for s in range(shape.suites):
        suite_id = uuid.uuid4()
        suite_ids.append(suite_id)
        created = now - timedelta(days=90) + timedelta(minutes=s)
        start = today - timedelta(days=rng.randint(0, 60))
        # About a third ended in the past: their unfinished cases are delayed.
        end: date = start + timedelta(days=rng.randint(10, 90))
        suites.append(
            (suite_id, f"Suite {s:04d}", f"Regression suite number {s}", rng.choice(_SUITE_STATUSES),
             start, end, False, created, created, 1)
        )
        for g in range(shape.groups_per_suite):
            group_id = uuid.uuid4()
            groups.append((group_id, suite_id, f"Group {g}", None, g, created, created, 1))
            for c in range(shape.cases_per_group):
                case_id = uuid.uuid4()
                status = rng.choices(statuses, weights)[0]
                steps = paths[status]
                case_created = created + timedelta(seconds=c)
                cases.append(
                    (case_id, group_id, f"Case {g}.{c}", "Steps and expected result", status.value,
                     rng.choice(priorities).value, Decimal(rng.randint(1, 16)) / 2, case_created, case_created,
                     1 + len(steps))
                )
                case_states.append(CaseState(case_id, status, 1 + len(steps)))
                previous = CaseStatus.CREATED
                for n, step in enumerate(steps):
                    history.append(
                        (uuid.uuid4(), case_id, previous.value, step.value, None, admin_id,
                         case_created + timedelta(hours=n + 1))
                    )
                    previous = step
                for e in range(min(len(steps), 2)):
                    efforts.append(
                        (uuid.uuid4(), case_id, start + timedelta(days=e), Decimal(rng.randint(1, 8)), None, admin_id,
                         case_created + timedelta(hours=e + 1))
                    )
    connection = await asyncpg.connect(database_url)
    try:
        async with connection.transaction():
            await connection.copy_records_to_table("test_suites", records=suites, columns=[
                "id", "name", "description", "status", "estimated_start_date", "estimated_end_date",
                "require_effort_comment", "created_at", "updated_at", "version"])
            await connection.copy_records_to_table("test_groups", records=groups, columns=[
                "id", "suite_id", "name", "description", "display_order", "created_at", "updated_at", "version"])
            await connection.copy_records_to_table("test_cases", records=cases, columns=[
                "id", "group_id", "title", "description", "status", "priority", "planned_effort", "created_at",
                "updated_at", "version"])
            await connection.copy_records_to_table("status_changes", records=history, columns=[
                "id", "case_id", "from_status", "to_status", "reason", "changed_by", "changed_at"])
            await connection.copy_records_to_table("effort_records", records=efforts, columns=[
                "id", "case_id", "work_date", "hours", "comment", "recorded_by", "created_at"])
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return SeededData(
        admin_username=ADMIN_USERNAME,
        admin_password=TEST_PASSWORD,
        api_token=token,
        admin_id=admin_id,
        suite_ids=suite_ids[::-1],
        cases=case_states,
        counts={
            "suites": len(suites),
            "groups": len(groups),
            "cases": len(cases),
            "status_changes": len(history),
            "effort_records": len(efforts),
        },
    )
