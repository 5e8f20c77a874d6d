"""A suite whose every list is longer than the largest page, written straight to the database, for the
paging tests of every protocol (docs/paging.md). Neighbours share their sort time, so the id decides
between them as it does in the keyset order.

    lists = await seed_long_lists(pool, actor_id)
    lists.group_ids, lists.case_ids, lists.change_ids, lists.effort_ids   # each in its list's order
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from uuid import UUID

import asyncpg

from tcm_common.application.pagination import MAX_PAGE_SIZE

LENGTH = MAX_PAGE_SIZE + 5
_START = datetime(2026, 1, 5, 9, tzinfo=UTC)
_FIRST_DAY = date(2026, 1, 5)


@dataclass(frozen=True, slots=True)
class LongLists:
    suite_id: UUID
    group_id: UUID
    case_id: UUID
    group_ids: list[UUID]  # display order
    case_ids: list[UUID]  # oldest first
    change_ids: list[UUID]  # oldest first
    effort_ids: list[UUID]  # by work date, then by recording


async def seed_long_lists(pool: asyncpg.Pool, actor_id: UUID) -> LongLists:
    async with pool.acquire() as connection, connection.transaction():
        suite_id: UUID = await connection.fetchval(
            "INSERT INTO test_suites (name, estimated_start_date, estimated_end_date) "
            "VALUES ('Long lists', $1::date, $1::date + 30) RETURNING id",
            _FIRST_DAY,
        )
        groups = await connection.fetch(
            "INSERT INTO test_groups (suite_id, name, display_order) "
            "SELECT $1, 'G' || n, $2 - 1 - n FROM generate_series(0, $2 - 1) AS n RETURNING id, display_order",
            suite_id,
            LENGTH,
        )
        group_ids = [row["id"] for row in sorted(groups, key=lambda row: row["display_order"])]
        cases = await connection.fetch(
            "INSERT INTO test_cases (group_id, title, created_at) "
            "SELECT $1, 'C' || n, $2::timestamptz + (n / 2) * interval '1 second' FROM generate_series(0, $3 - 1) AS n "
            "RETURNING id, created_at",
            group_ids[0],
            _START,
            LENGTH,
        )
        case_ids = [row["id"] for row in sorted(cases, key=lambda row: (row["created_at"], row["id"]))]
        changes = await connection.fetch(
            "INSERT INTO status_changes (case_id, from_status, to_status, changed_by, changed_at) "
            "SELECT $1, 'TESTING', 'FIXING', $2, $3::timestamptz + (n / 3) * interval '1 minute' "
            "FROM generate_series(0, $4 - 1) AS n RETURNING id, changed_at",
            case_ids[0],
            actor_id,
            _START,
            LENGTH,
        )
        efforts = await connection.fetch(
            "INSERT INTO effort_records (case_id, work_date, hours, recorded_by, created_at) "
            "SELECT $1, $2::date + (n % 7), 0.25, $3, $4::timestamptz + (n / 2) * interval '1 second' "
            "FROM generate_series(0, $5 - 1) AS n RETURNING id, work_date, created_at",
            case_ids[0],
            _FIRST_DAY,
            actor_id,
            _START,
            LENGTH,
        )
    return LongLists(
        suite_id=suite_id,
        group_id=group_ids[0],
        case_id=case_ids[0],
        group_ids=group_ids,
        case_ids=case_ids,
        change_ids=[row["id"] for row in sorted(changes, key=lambda row: (row["changed_at"], row["id"]))],
        effort_ids=[
            row["id"] for row in sorted(efforts, key=lambda row: (row["work_date"], row["created_at"], row["id"]))
        ],
    )
