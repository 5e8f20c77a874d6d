"""The series of the suite's charts (docs/charts.md): a burn-up for any number of suites in one statement,
and their runs' pass rates in two (the runs, then their figures)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from uuid import UUID

import asyncpg

from tcm_common.application.chart_loaders import RunPassRate
from tcm_common.domain.burn_up import MAX_DAYS, BurnUpPoint, burn_up
from tcm_common.domain.progress import CaseTally
from tcm_common.persistence.rows import tally_from
from tcm_common.persistence.run_rows import RUN_COLUMNS
from tcm_common.persistence.runs_repository import figures_of, view_without_figures

# The cases of each suite counted per status and priority at the end of each day from the suite's start
# (at most MAX_DAYS back) to today, the days' ends taken in the organisation's time zone ($3). A case
# counts from its creation on, with the status it held at that instant: the last change before it, or
# the status it was created in (the first change's "from"; its current status when it never changed).
# One row per suite with NULL day when it has no counts, so its dates come back too.
_PROGRESS_HISTORY = """
WITH suites AS (
    SELECT id, estimated_start_date, estimated_end_date FROM test_suites WHERE id = ANY($1::uuid[])
), days AS (
    SELECT s.id AS suite_id, d::date AS day, (d::date + 1)::timestamp AT TIME ZONE $3 AS day_end
      FROM suites s,
           generate_series(greatest(s.estimated_start_date, $2::date - ($4::int - 1)), $2::date,
                           interval '1 day') AS d
), cases AS (
    SELECT g.suite_id, c.id, c.priority, c.status, c.created_at
      FROM test_groups g JOIN test_cases c ON c.group_id = g.id
     WHERE g.suite_id = ANY($1::uuid[])
), held AS (
    -- Each status a case held, from when to when (NULL: still holds it).
    SELECT c.suite_id, c.priority, h.to_status AS status, h.changed_at AS since,
           lead(h.changed_at) OVER (PARTITION BY h.case_id ORDER BY h.changed_at, h.id) AS until
      FROM cases c JOIN status_changes h ON h.case_id = c.id
    UNION ALL
    SELECT c.suite_id, c.priority, coalesce(first_change.from_status, c.status), c.created_at,
           first_change.changed_at
      FROM cases c
      LEFT JOIN LATERAL (
          SELECT h.from_status, h.changed_at FROM status_changes h
           WHERE h.case_id = c.id ORDER BY h.changed_at, h.id LIMIT 1
      ) first_change ON true
), tallies AS (
    SELECT days.suite_id, days.day, held.status, held.priority, count(*) AS n
      FROM days
      JOIN held ON held.suite_id = days.suite_id
               AND held.since < days.day_end AND (held.until IS NULL OR held.until >= days.day_end)
     GROUP BY days.suite_id, days.day, held.status, held.priority
)
SELECT s.id AS suite_id, s.estimated_start_date, s.estimated_end_date, t.day, t.status, t.priority, t.n
  FROM suites s LEFT JOIN tallies t ON t.suite_id = s.id
"""

# Each suite's latest started runs (at most $3), with the organisation's date ($2) each one is charted on.
_STARTED_RUNS = f"""
SELECT * FROM (
    SELECT {RUN_COLUMNS}, u.username AS created_by_username,
           (coalesce(r.completed_at, r.started_at) AT TIME ZONE $2)::date AS charted_on,
           row_number() OVER (PARTITION BY r.suite_id ORDER BY r.created_at DESC, r.id DESC) AS recency
      FROM test_runs r LEFT JOIN users u ON u.id = r.created_by
     WHERE r.suite_id = ANY($1::uuid[]) AND r.status IN ('IN_PROGRESS', 'COMPLETED')
) latest
 WHERE recency <= $3
 ORDER BY suite_id, created_at, id
"""  # noqa: S608 - constant column list


class PostgresChartReads:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def progress_histories(
        self, suite_ids: Sequence[UUID], today: date, time_zone: str
    ) -> list[list[BurnUpPoint]]:
        dates: dict[UUID, tuple[date, date]] = {}
        tallies: defaultdict[UUID, defaultdict[date, list[CaseTally]]] = defaultdict(lambda: defaultdict(list))
        for row in await self._pool.fetch(_PROGRESS_HISTORY, list(suite_ids), today, time_zone, MAX_DAYS):
            dates[row["suite_id"]] = (row["estimated_start_date"], row["estimated_end_date"])
            if row["day"] is not None:
                tallies[row["suite_id"]][row["day"]].append(tally_from(row))
        return [
            burn_up(*dates[suite_id], today, tallies[suite_id]) if suite_id in dates else []
            for suite_id in suite_ids
        ]

    async def run_pass_rates(
        self, suite_ids: Sequence[UUID], time_zone: str, limit: int
    ) -> list[list[RunPassRate]]:
        async with self._pool.acquire() as connection:
            rows = await connection.fetch(_STARTED_RUNS, list(suite_ids), time_zone, limit)
            figures = await figures_of(connection, [row["id"] for row in rows])
        charted: defaultdict[UUID, list[RunPassRate]] = defaultdict(list)
        for row in rows:
            view = replace(view_without_figures(row), figures=figures[row["id"]])
            charted[row["suite_id"]].append(RunPassRate(view, row["charted_on"]))
        return [charted.get(suite_id, []) for suite_id in suite_ids]
