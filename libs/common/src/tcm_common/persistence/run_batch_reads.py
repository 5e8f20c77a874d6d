"""Batch reads of runs for DataLoaders: two statements for any number of runs (rows, then figures), one
for any number of runs' entries, one for any number of entries' result records, and two for the first
page of runs of any number of suites."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from uuid import UUID

import asyncpg

from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.read_models import UserRef
from tcm_common.application.run_loaders import EntryKey
from tcm_common.application.run_views import EntryView, ResultView, RunView
from tcm_common.persistence import paged_lists
from tcm_common.persistence.keyset import read_pages
from tcm_common.persistence.run_rows import (
    ENTRY_COLUMNS,
    RESULT_COLUMNS,
    RUN_COLUMNS,
    entry_view_from,
    result_view_from,
    run_from,
)
from tcm_common.persistence.runs_repository import figures_of, view_without_figures, with_figures

# The column lists are constants, so building the text is not an injection risk.
_RUNS_BY_ID = f"""
SELECT {RUN_COLUMNS}, u.username AS created_by_username
  FROM test_runs r LEFT JOIN users u ON u.id = r.created_by
 WHERE r.id = ANY($1::uuid[])
"""
_ENTRIES_FOR_RUNS = f"""
SELECT {ENTRY_COLUMNS} FROM run_entries e LEFT JOIN users u ON u.id = e.assignee_id
 WHERE e.run_id = ANY($1::uuid[]) ORDER BY e.run_id, e.position, e.id
"""

_RESULTS_FOR_ENTRIES = f"""
SELECT {RESULT_COLUMNS} FROM result_records x LEFT JOIN users u ON u.id = x.recorded_by
 WHERE (x.run_id, x.case_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
 ORDER BY x.run_id, x.case_id, x.recorded_at, x.id
"""  # noqa: S608 - constant column list


class PostgresRunBatchReads:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def runs_by_id(self, ids: Sequence[UUID]) -> list[RunView | None]:
        async with self._pool.acquire() as connection:
            rows = await connection.fetch(_RUNS_BY_ID, list(ids))
            figures = await figures_of(connection, [row["id"] for row in rows])
        views = {
            row["id"]: RunView(
                run_from(row),
                figures[row["id"]],
                UserRef(row["created_by"], row["created_by_username"]) if row["created_by_username"] else None,
            )
            for row in rows
        }
        return [views.get(run_id) for run_id in ids]

    async def entries_for_runs(self, run_ids: Sequence[UUID]) -> list[list[EntryView]]:
        grouped: defaultdict[UUID, list[EntryView]] = defaultdict(list)
        for row in await self._pool.fetch(_ENTRIES_FOR_RUNS, list(run_ids)):
            grouped[row["run_id"]].append(entry_view_from(row))
        return [grouped.get(run_id, []) for run_id in run_ids]

    async def results_for_entries(self, entries: Sequence[EntryKey]) -> list[list[ResultView]]:
        grouped: defaultdict[EntryKey, list[ResultView]] = defaultdict(list)
        rows = await self._pool.fetch(
            _RESULTS_FOR_ENTRIES, [run_id for run_id, _ in entries], [case_id for _, case_id in entries]
        )
        for row in rows:
            grouped[(row["run_id"], row["case_id"])].append(result_view_from(row))
        return [grouped.get(entry, []) for entry in entries]

    async def run_pages(self, suite_ids: Sequence[UUID], request: PageRequest) -> list[Page[RunView]]:
        # Any status: the filter's parameter is NULL.
        pages = await read_pages(self._pool, paged_lists.RUNS, suite_ids, request, view_without_figures, [None])
        return await with_figures(self._pool, pages)
