"""The dashboard's counts in one statement, so suites and cases come from the same snapshot."""

from __future__ import annotations

from datetime import date

import asyncpg

from tcm_common.application.dashboard_ports import DashboardTallies
from tcm_common.domain.progress import CaseTally
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.persistence.rows import tally_from

# The tallies the writes keep (migration 0060, docs/decisions/0017): the rows with a NULL priority count
# the suites of each status; the others count cases by their suite's estimated end date, status and
# priority (at most 28 rows per distinct end date, however many cases there are).
DASHBOARD_TALLIES = """
SELECT t.status, NULL::text AS priority, NULL::date AS suite_end_date, t.n
  FROM dashboard_suite_tallies t
 WHERE t.n > 0
UNION ALL
SELECT t.status, t.priority, t.suite_end_date, t.n
  FROM dashboard_case_tallies t
 WHERE t.n > 0
"""


class PostgresDashboardReads:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def dashboard_tallies(self) -> DashboardTallies:
        suites_by_status: dict[SuiteStatus, int] = {}
        cases: list[tuple[date, CaseTally]] = []
        for row in await self._pool.fetch(DASHBOARD_TALLIES):
            if row["priority"] is None:
                suites_by_status[SuiteStatus(row["status"])] = row["n"]
            else:
                cases.append((row["suite_end_date"], tally_from(row)))
        return DashboardTallies(suites_by_status, cases)
