"""A suite and everything under it as stored, without ids and timestamps, so that two databases
that went through the same scenario compare equal."""

from __future__ import annotations

from typing import Any

import asyncpg

State = dict[str, Any]


async def suite_state(db: asyncpg.Pool, suite_name: str) -> State:
    suite = await db.fetchrow("SELECT * FROM test_suites WHERE name = $1", suite_name)
    assert suite is not None, f"no suite named {suite_name}"
    groups = await db.fetch("SELECT * FROM test_groups WHERE suite_id = $1 ORDER BY display_order", suite["id"])
    cases = await db.fetch(
        "SELECT * FROM test_cases WHERE group_id = ANY($1::uuid[]) ORDER BY title", [group["id"] for group in groups]
    )
    case_ids = [case["id"] for case in cases]
    history = await db.fetch(
        """
        SELECT c.case_id, c.from_status, c.to_status, c.reason, u.username
        FROM status_changes c JOIN users u ON u.id = c.changed_by
        WHERE c.case_id = ANY($1::uuid[]) ORDER BY c.changed_at, c.id
        """,
        case_ids,
    )
    efforts = await db.fetch(
        """
        SELECT e.case_id, e.work_date, e.hours, e.comment, u.username
        FROM effort_records e JOIN users u ON u.id = e.recorded_by
        WHERE e.case_id = ANY($1::uuid[]) ORDER BY e.work_date, e.created_at
        """,
        case_ids,
    )

    def case_state(case: asyncpg.Record) -> State:
        return {
            **_fields(case, "title", "description", "status", "priority", "planned_effort", "version"),
            "history": [
                _fields(row, "from_status", "to_status", "reason", "username")
                for row in history
                if row["case_id"] == case["id"]
            ],
            "efforts": [
                _fields(row, "work_date", "hours", "comment", "username")
                for row in efforts
                if row["case_id"] == case["id"]
            ],
        }

    return {
        **_fields(
            suite,
            "name",
            "description",
            "status",
            "estimated_start_date",
            "estimated_end_date",
            "require_effort_comment",
            "version",
        ),
        "groups": [
            {
                **_fields(group, "name", "description", "display_order", "version"),
                "cases": [case_state(case) for case in cases if case["group_id"] == group["id"]],
            }
            for group in groups
        ],
    }


def _fields(row: asyncpg.Record, *names: str) -> State:
    return {name: row[name] for name in names}
