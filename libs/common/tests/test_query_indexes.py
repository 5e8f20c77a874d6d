"""Every hot read has an index to serve it, so its cost follows the size of its answer, not of the tables.

Each statement is planned with sequential scans priced out of reach (`enable_seqscan = off`): the planner
still picks one when no index can serve a condition, so a "Seq Scan" in the plan is a missing index. Run
on the migrated schema, whatever its size (bench/ measures the latencies at 10x data).
"""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import asyncpg
import pytest

from tcm_common.persistence import batch_statements as sql
from tcm_common.persistence import paged_lists
from tcm_common.persistence.auth.api_tokens import USABLE_TOKEN
from tcm_common.persistence.dashboard_reads import DASHBOARD_TALLIES
from tcm_common.persistence.suite_listing import SUITE_FIRST_PAGE, SUITE_NEXT_PAGE

IDS = [uuid4(), uuid4()]
# Statement -> its arguments. The batch reads take one uuid[]; the paged lists their first pages.
HOT_READS: dict[str, tuple[str, tuple[Any, ...]]] = {
    "suites by id": (sql.SUITES_BY_ID, (IDS,)),
    "groups by id": (sql.GROUPS_BY_ID, (IDS,)),
    "cases by id": (sql.CASES_BY_ID, (IDS,)),
    "users by id": (sql.USERS_BY_ID, (IDS,)),
    "groups of suites": (sql.GROUPS_FOR_SUITES, (IDS,)),
    "cases of groups": (sql.CASES_FOR_GROUPS, (IDS,)),
    "cases of groups with their effort": (sql.CASES_WITH_EFFORT_FOR_GROUPS, (IDS,)),
    "history of cases": (sql.HISTORY_FOR_CASES, (IDS,)),
    "efforts of cases": (sql.EFFORTS_FOR_CASES, (IDS,)),
    "tallies of suites": (sql.SUITE_TALLIES, (IDS,)),
    "tallies of groups": (sql.GROUP_TALLIES, (IDS,)),
    "facts of cases": (sql.CASE_FACTS, (IDS,)),
    "page of groups": (paged_lists.GROUPS.first_pages_statement(0), (IDS, 21)),
    "page of cases": (paged_lists.CASES.first_pages_statement(1), (IDS, None, 21)),
    "page of history": (paged_lists.HISTORY.first_pages_statement(0), (IDS, 21)),
    "API token in use": (USABLE_TOKEN, (bytes(32),)),
    "first page of suites": (SUITE_FIRST_PAGE, (None, None, None, None, 51)),
    "dashboard tallies": (DASHBOARD_TALLIES, ()),
    "next page of suites": (
        SUITE_NEXT_PAGE,
        ("IN_PROGRESS", None, None, None, 21, datetime(2026, 3, 14, tzinfo=UTC), IDS[0]),
    ),
}


# Tables read whole by design: every row is part of the answer, and their number does not grow with the
# cases (the dashboard's tallies, kept by the writes: migration 0060).
ANSWER_SIZED_TABLES = {"dashboard_suite_tallies", "dashboard_case_tallies"}


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.parametrize("name", sorted(HOT_READS))
async def test_the_read_is_served_by_indexes(migrated_pool: asyncpg.Pool, name: str) -> None:
    statement, arguments = HOT_READS[name]
    async with migrated_pool.acquire() as db, db.transaction():
        await db.execute("SET LOCAL enable_seqscan = off")
        [plan] = json.loads(await db.fetchval(f"EXPLAIN (FORMAT JSON) {statement}", *arguments))
    scans = [
        node["Relation Name"]
        for node in _nodes(plan["Plan"])
        if node["Node Type"] == "Seq Scan" and node["Relation Name"] not in ANSWER_SIZED_TABLES
    ]
    assert scans == [], f"{name}: sequential scan of {scans}"
