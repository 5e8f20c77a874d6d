"""The reads of the peers that build their answers in Python (FastAPI + pydantic, bare grpc.aio): plain
statements, one per kind of row, with progress, counts and delays computed from the rows, as a service
without our read model would write them. The domain's tables (completion rates, priority weights, next
statuses) are read from `tcm_common.domain`, so that the answers are the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

import asyncpg

from tcm_common.domain.case_status import COMPLETION_RATE, CaseStatus
from tcm_common.domain.priority import WEIGHT
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.persistence.connection_types import DbConnection

SUITE_COLUMNS = (
    "s.id, s.name, s.description, s.status, s.estimated_start_date, s.estimated_end_date, "
    "s.require_effort_comment, s.created_at, s.updated_at, s.version"
)
SUITE = f"SELECT {SUITE_COLUMNS} FROM test_suites s WHERE s.id = $1"  # noqa: S608 - constant columns
GROUPS = """
SELECT g.id, g.suite_id, g.name, g.description, g.display_order, g.created_at, g.updated_at, g.version
  FROM test_groups g WHERE g.suite_id = $1 ORDER BY g.display_order
"""
CASES = """
SELECT c.id, c.group_id, c.title, c.description, c.status, c.priority, c.planned_effort, c.created_at,
       c.updated_at, c.version,
       coalesce((SELECT sum(e.hours) FROM effort_records e WHERE e.case_id = c.id), 0) AS actual_effort
  FROM test_cases c JOIN test_groups g ON g.id = c.group_id
 WHERE g.suite_id = $1 ORDER BY c.created_at, c.id
"""
# Newest first, with the number of all suites (the window counts before the LIMIT).
PAGE = f"""
SELECT {SUITE_COLUMNS}, count(*) OVER () AS total_count
  FROM test_suites s ORDER BY s.created_at DESC, s.id DESC LIMIT $1
"""  # - constant columns
# Cases per suite, status and priority; the rows without a status carry each suite's number of groups.
PAGE_TALLIES = """
SELECT g.suite_id, c.status, c.priority, count(*) AS n
  FROM test_groups g JOIN test_cases c ON c.group_id = g.id
 WHERE g.suite_id = ANY($1::uuid[]) GROUP BY g.suite_id, c.status, c.priority
UNION ALL
SELECT g.suite_id, NULL, NULL, count(*) FROM test_groups g WHERE g.suite_id = ANY($1::uuid[]) GROUP BY g.suite_id
"""

# Completion rates are quarters: progress is then exact integer arithmetic, rounded half up like ours.
RATE_QUARTERS = {status.value: int(rate * 4) for status, rate in COMPLETION_RATE.items()}
WEIGHTS = {priority.value: weight for priority, weight in WEIGHT.items()}
CASE_NEXT = {status.value: [next_status.value for next_status in status.allowed_transitions()] for status in CaseStatus}
SUITE_NEXT = {
    status.value: [next_status.value for next_status in status.allowed_transitions()] for status in SuiteStatus
}
COMPLETED = CaseStatus.COMPLETED.value


@dataclass(slots=True)
class Tally:
    """Priority-weighted completion of some cases: percent with one decimal, rounded half up."""

    earned_quarters: int = 0
    weight: int = 0
    cases: int = 0

    def add(self, status: str, priority: str, count: int = 1) -> None:
        weight = WEIGHTS[priority] * count
        self.earned_quarters += RATE_QUARTERS[status] * weight
        self.weight += weight
        self.cases += count

    @property
    def progress(self) -> float:
        if self.weight == 0:
            return 0.0
        # percent = earned / 4 * 100 / weight; in tenths, rounded half up.
        numerator, denominator = self.earned_quarters * 250, self.weight
        return ((2 * numerator + denominator) // (2 * denominator)) / 10


def delay_days(status: str, suite_end: date, today: date) -> int:
    if status == COMPLETED or suite_end >= today:
        return 0
    return (today - suite_end).days


@dataclass(slots=True)
class GroupRows:
    group: asyncpg.Record
    cases: list[asyncpg.Record] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)


@dataclass(frozen=True, slots=True)
class SuiteTreeRows:
    suite: asyncpg.Record
    groups: list[GroupRows]
    tally: Tally


@dataclass(frozen=True, slots=True)
class SuitePageRows:
    suites: list[asyncpg.Record]
    tallies: dict[UUID, Tally]
    group_counts: dict[UUID, int]
    total_count: int


async def read_tree(connection: DbConnection, suite_id: UUID) -> SuiteTreeRows | None:
    suite = await connection.fetchrow(SUITE, suite_id)
    if suite is None:
        return None
    groups = {row["id"]: GroupRows(row) for row in await connection.fetch(GROUPS, suite_id)}
    tally = Tally()
    for case in await connection.fetch(CASES, suite_id):
        group = groups[case["group_id"]]
        group.cases.append(case)
        group.tally.add(case["status"], case["priority"])
        tally.add(case["status"], case["priority"])
    return SuiteTreeRows(suite, list(groups.values()), tally)


async def read_page(connection: DbConnection, limit: int) -> SuitePageRows:
    suites = await connection.fetch(PAGE, limit)
    ids = [suite["id"] for suite in suites]
    tallies = {suite_id: Tally() for suite_id in ids}
    group_counts = dict.fromkeys(ids, 0)
    for row in await connection.fetch(PAGE_TALLIES, ids) if ids else []:
        if row["status"] is None:
            group_counts[row["suite_id"]] = row["n"]
        else:
            tallies[row["suite_id"]].add(row["status"], row["priority"], row["n"])
    total = suites[0]["total_count"] if suites else int(await connection.fetchval("SELECT count(*) FROM test_suites"))
    return SuitePageRows(suites, tallies, group_counts, total)
