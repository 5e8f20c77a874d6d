"""TestRun rows and their entries: CRUD, the snapshot, assignment, figures, views and the suite's list
(newest first, keyset-paged, optionally of one status). Every method is one statement (`view` and `page`
two), whatever the number of entries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from uuid import UUID

from asyncpg import Record

from tcm_common.application.filters import RunFilter
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.read_models import UserRef
from tcm_common.application.run_views import EntryView, RunView
from tcm_common.domain.run import TestRun
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_figures import RunFigures
from tcm_common.domain.run_result import RunResult
from tcm_common.persistence import paged_lists
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.keyset import Reader, read_page
from tcm_common.persistence.run_rows import ENTRY_COLUMNS, RUN_COLUMNS, entry_view_from, run_from
from tcm_common.persistence.writes import parent_must_exist, update_versioned

# The column lists are constants, so building the text is not an injection risk.
_SELECT = f"SELECT {RUN_COLUMNS} FROM test_runs r WHERE r.id = $1"  # noqa: S608
_INSERT = """
INSERT INTO test_runs (id, suite_id, name, description, label, status, drives_workflow, created_by,
                       created_at, updated_at, started_at, completed_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
"""
_UPDATE = """
UPDATE test_runs SET version = $2, name = $3, description = $4, label = $5, status = $6,
       drives_workflow = $7, updated_at = $8, started_at = $9, completed_at = $10
 WHERE id = $1 AND version = $2 - 1
"""
# The snapshot: the chosen cases in suite order (group display order, then case creation).
_SNAPSHOT = """
INSERT INTO run_entries (run_id, case_id, position, title, priority)
SELECT $1, c.id, row_number() OVER (ORDER BY g.display_order, c.created_at, c.id) - 1, c.title, c.priority
  FROM test_cases c
  JOIN test_groups g ON g.id = c.group_id
 WHERE g.suite_id = $2
   AND ($3 OR g.id = ANY($4::uuid[]) OR c.id = ANY($5::uuid[]))
   AND (cardinality($6::text[]) = 0 OR c.priority = ANY($6::text[]))
"""
# Cases joining a run later (a report named them) go after its entries, in the order given.
_ADD_CASES = """
INSERT INTO run_entries (run_id, case_id, position, title, priority)
SELECT $1, c.id,
       (SELECT coalesce(max(position) + 1, 0) FROM run_entries WHERE run_id = $1)
           + row_number() OVER (ORDER BY x.n) - 1,
       c.title, c.priority
  FROM unnest($2::uuid[]) WITH ORDINALITY AS x(case_id, n)
  JOIN test_cases c ON c.id = x.case_id
 WHERE NOT EXISTS (SELECT 1 FROM run_entries e WHERE e.run_id = $1 AND e.case_id = x.case_id)
"""
_FOREIGN_IDS = """
SELECT 'group' AS kind, x.id FROM unnest($2::uuid[]) AS x(id)
 WHERE NOT EXISTS (SELECT 1 FROM test_groups g WHERE g.id = x.id AND g.suite_id = $1)
UNION ALL
SELECT 'case', x.id FROM unnest($3::uuid[]) AS x(id)
 WHERE NOT EXISTS (SELECT 1 FROM test_cases c JOIN test_groups g ON g.id = c.group_id
                    WHERE c.id = x.id AND g.suite_id = $1)
"""
_ENTRIES = f"""
SELECT {ENTRY_COLUMNS} FROM run_entries e LEFT JOIN users u ON u.id = e.assignee_id
 WHERE e.run_id = $1 AND ($2::uuid[] IS NULL OR e.id = ANY($2::uuid[]))
 ORDER BY e.position, e.id
"""
_ENTRY_OF_CASE = f"""
SELECT {ENTRY_COLUMNS} FROM run_entries e LEFT JOIN users u ON u.id = e.assignee_id
 WHERE e.run_id = $1 AND e.case_id = $2
"""
_ASSIGN = "UPDATE run_entries SET assignee_id = $3 WHERE run_id = $1 AND id = ANY($2::uuid[]) RETURNING id"
_COUNTS = """
SELECT e.run_id, e.result, count(*) AS n FROM run_entries e
 WHERE e.run_id = ANY($1::uuid[]) GROUP BY e.run_id, e.result
"""
# One run's counts per result and its creator's name; the outer join keeps a row for a run without entries.
_VIEW = """
SELECT e.result, count(e.id) AS n, (SELECT u.username FROM users u WHERE u.id = $2) AS created_by_username
  FROM (SELECT $1::uuid AS run_id) AS r LEFT JOIN run_entries e ON e.run_id = r.run_id
 GROUP BY e.result
"""


def _user_ref(user_id: UUID, username: str | None) -> UserRef | None:
    return UserRef(user_id, username) if username is not None else None


def view_without_figures(row: Record) -> RunView:
    """A row of paged_lists.RUNS: the run and its creator's name; `with_figures` adds the figures."""
    return RunView(run_from(row), RunFigures.of({}), _user_ref(row["created_by"], row["created_by_username"]))


async def with_figures(reader: Reader, pages: Sequence[Page[RunView]]) -> list[Page[RunView]]:
    """The pages with each run's figures, read in one statement for all of them."""
    figures = await figures_of(reader, [view.id for page in pages for view in page.nodes])
    return [page.with_nodes([replace(view, figures=figures[view.id]) for view in page.nodes]) for page in pages]


async def figures_of(reader: Reader, run_ids: Sequence[UUID]) -> dict[UUID, RunFigures]:
    """Each run's figures, in one statement."""
    counts: defaultdict[UUID, dict[RunResult, int]] = defaultdict(dict)
    if run_ids:
        for row in await reader.fetch(_COUNTS, list(run_ids)):
            counts[row["run_id"]][RunResult(row["result"])] = row["n"]
    return {run_id: RunFigures.of(counts[run_id]) for run_id in run_ids}


class PostgresRunRepository:
    def __init__(self, connection: DbConnection) -> None:
        self._connection = connection

    async def get(self, run_id: UUID, *, for_update: bool = False) -> TestRun | None:
        row = await self._connection.fetchrow(_SELECT + (" FOR UPDATE" if for_update else ""), run_id)
        return run_from(row) if row is not None else None

    async def add(self, run: TestRun) -> None:
        async with parent_must_exist("test_runs_suite_id_fkey", "test suite", run.suite_id):
            await self._connection.execute(
                _INSERT,
                run.id,
                run.suite_id,
                run.name,
                run.description,
                run.label,
                run.status.value,
                run.drives_workflow,
                run.created_by,
                run.created_at,
                run.updated_at,
                run.started_at,
                run.completed_at,
                run.version,
            )

    async def update(self, run: TestRun) -> None:
        await update_versioned(
            self._connection,
            _UPDATE,
            "test run",
            run.id,
            run.version,
            run.name,
            run.description,
            run.label,
            run.status.value,
            run.drives_workflow,
            run.updated_at,
            run.started_at,
            run.completed_at,
        )

    async def delete(self, run_id: UUID) -> None:
        await self._connection.execute("DELETE FROM test_runs WHERE id = $1", run_id)

    async def foreign_ids(
        self, suite_id: UUID, group_ids: Sequence[UUID], case_ids: Sequence[UUID]
    ) -> tuple[list[UUID], list[UUID]]:
        if not group_ids and not case_ids:
            return [], []
        rows = await self._connection.fetch(_FOREIGN_IDS, suite_id, list(group_ids), list(case_ids))
        return (
            [row["id"] for row in rows if row["kind"] == "group"],
            [row["id"] for row in rows if row["kind"] == "case"],
        )

    async def snapshot(self, run: TestRun, selection: RunSelection) -> None:
        await self._connection.execute(
            _SNAPSHOT,
            run.id,
            run.suite_id,
            selection.all_cases,
            list(selection.group_ids),
            list(selection.case_ids),
            [priority.value for priority in selection.priorities],
        )

    async def add_cases(self, run_id: UUID, case_ids: Sequence[UUID]) -> int:
        if not case_ids:
            return 0
        status = await self._connection.execute(_ADD_CASES, run_id, list(case_ids))
        return int(status.split()[-1])

    async def assign(self, run_id: UUID, entry_ids: Sequence[UUID], assignee_id: UUID | None) -> list[UUID]:
        async with parent_must_exist("run_entries_assignee_id_fkey", "user", assignee_id or run_id):
            rows = await self._connection.fetch(_ASSIGN, run_id, list(entry_ids), assignee_id)
        return [row["id"] for row in rows]

    async def view(self, run: TestRun) -> RunView:
        rows = await self._connection.fetch(_VIEW, run.id, run.created_by)
        counts = {RunResult(row["result"]): row["n"] for row in rows if row["result"] is not None}
        return RunView(run, RunFigures.of(counts), _user_ref(run.created_by, rows[0]["created_by_username"]))

    async def page(self, suite_id: UUID, request: PageRequest, run_filter: RunFilter) -> Page[RunView]:
        status = run_filter.status.value if run_filter.status else None
        page = await read_page(self._connection, paged_lists.RUNS, suite_id, request, view_without_figures, [status])
        [viewed] = await with_figures(self._connection, [page])
        return viewed

    async def entries(self, run_id: UUID, entry_ids: Sequence[UUID] | None = None) -> list[EntryView]:
        rows = await self._connection.fetch(_ENTRIES, run_id, list(entry_ids) if entry_ids is not None else None)
        return [entry_view_from(row) for row in rows]

    async def entry_of_case(self, run_id: UUID, case_id: UUID) -> EntryView | None:
        row = await self._connection.fetchrow(_ENTRY_OF_CASE, run_id, case_id)
        return entry_view_from(row) if row is not None else None

    async def user_ref(self, user_id: UUID) -> UserRef | None:
        row: Record | None = await self._connection.fetchrow("SELECT username FROM users WHERE id = $1", user_id)
        return UserRef(user_id, row["username"]) if row is not None else None
