"""Batch reads for DataLoaders and list endpoints: ONE statement per call, whatever the number of ids.

Answers follow the order of the ids given: None, an empty list or zero stats for an unknown id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar
from uuid import UUID

import asyncpg
from asyncpg import Record

from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.read_models import CaseFacts, CaseView, GroupStats, SuiteStats, UserRef
from tcm_common.domain.case import TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.delay import delay_of
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.group import TestGroup
from tcm_common.domain.progress import CaseTally, case_count, progress_percent
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.user import User
from tcm_common.persistence import batch_statements as sql
from tcm_common.persistence import paged_lists
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.keyset import read_pages
from tcm_common.persistence.rows import (
    case_from,
    effort_from,
    group_from,
    status_change_from,
    suite_from,
    tally_from,
    user_from,
)

_T = TypeVar("_T")


def _in_order(ids: Sequence[UUID], found: dict[UUID, _T]) -> list[_T | None]:
    return [found.get(identifier) for identifier in ids]


def _per_owner(
    ids: Sequence[UUID], rows: Iterable[Record], owner: str, entity_from: Callable[[Record], _T]
) -> list[list[_T]]:
    """The rows (in the order the statement sorted them) grouped by their `owner` column."""
    grouped: defaultdict[UUID, list[_T]] = defaultdict(list)
    for row in rows:
        grouped[row[owner]].append(entity_from(row))
    return [grouped.get(identifier, []) for identifier in ids]


def _case_view_from(row: Record, today: date) -> CaseView:
    case = case_from(row)
    return CaseView(case, CaseFacts(row["actual_effort"], delay_of(case.status, row["estimated_end_date"], today).days))


class PostgresBatchReads:
    """Over the pool for DataLoaders; over a unit of work's connection to read inside its transaction."""

    def __init__(self, pool: asyncpg.Pool | DbConnection) -> None:
        self._pool = pool

    async def suites_by_id(self, ids: Sequence[UUID]) -> list[TestSuite | None]:
        rows = await self._pool.fetch(sql.SUITES_BY_ID, list(ids))
        return _in_order(ids, {row["id"]: suite_from(row) for row in rows})

    async def groups_by_id(self, ids: Sequence[UUID]) -> list[TestGroup | None]:
        rows = await self._pool.fetch(sql.GROUPS_BY_ID, list(ids))
        return _in_order(ids, {row["id"]: group_from(row) for row in rows})

    async def cases_by_id(self, ids: Sequence[UUID]) -> list[TestCase | None]:
        rows = await self._pool.fetch(sql.CASES_BY_ID, list(ids))
        return _in_order(ids, {row["id"]: case_from(row) for row in rows})

    async def users_by_id(self, ids: Sequence[UUID]) -> list[User | None]:
        rows = await self._pool.fetch(sql.USERS_BY_ID, list(ids))
        return _in_order(ids, {row["id"]: user_from(row) for row in rows})

    async def user_refs(self, user_ids: Sequence[UUID]) -> list[UserRef | None]:
        rows = await self._pool.fetch(sql.USER_REFS_BY_ID, list(user_ids))
        return _in_order(user_ids, {row["id"]: UserRef(row["id"], row["username"]) for row in rows})

    async def groups_for_suites(self, suite_ids: Sequence[UUID]) -> list[list[TestGroup]]:
        rows = await self._pool.fetch(sql.GROUPS_FOR_SUITES, list(suite_ids))
        return _per_owner(suite_ids, rows, "suite_id", group_from)

    async def cases_for_groups(self, group_ids: Sequence[UUID]) -> list[list[TestCase]]:
        rows = await self._pool.fetch(sql.CASES_FOR_GROUPS, list(group_ids))
        return _per_owner(group_ids, rows, "group_id", case_from)

    async def cases_with_effort_for_groups(self, group_ids: Sequence[UUID]) -> list[list[tuple[TestCase, Decimal]]]:
        rows = await self._pool.fetch(sql.CASES_WITH_EFFORT_FOR_GROUPS, list(group_ids))
        return _per_owner(group_ids, rows, "group_id", lambda row: (case_from(row), row["actual_effort"]))

    async def case_views_for_groups(self, group_ids: Sequence[UUID], today: date) -> list[list[CaseView]]:
        rows = await self._pool.fetch(sql.CASE_VIEWS_FOR_GROUPS, list(group_ids))
        return _per_owner(group_ids, rows, "group_id", lambda row: _case_view_from(row, today))

    async def history_for_cases(self, case_ids: Sequence[UUID]) -> list[list[StatusChange]]:
        rows = await self._pool.fetch(sql.HISTORY_FOR_CASES, list(case_ids))
        return _per_owner(case_ids, rows, "case_id", status_change_from)

    async def efforts_for_cases(self, case_ids: Sequence[UUID]) -> list[list[EffortRecord]]:
        rows = await self._pool.fetch(sql.EFFORTS_FOR_CASES, list(case_ids))
        return _per_owner(case_ids, rows, "case_id", effort_from)

    async def group_pages(self, suite_ids: Sequence[UUID], request: PageRequest) -> list[Page[TestGroup]]:
        return await read_pages(self._pool, paged_lists.GROUPS, suite_ids, request, group_from)

    async def case_pages(self, group_ids: Sequence[UUID], request: PageRequest) -> list[Page[TestCase]]:
        # Any status: the filter's parameter is NULL.
        return await read_pages(self._pool, paged_lists.CASES, group_ids, request, case_from, [None])

    async def history_pages(self, case_ids: Sequence[UUID], request: PageRequest) -> list[Page[StatusChange]]:
        return await read_pages(self._pool, paged_lists.HISTORY, case_ids, request, status_change_from)

    async def effort_pages(self, case_ids: Sequence[UUID], request: PageRequest) -> list[Page[EffortRecord]]:
        return await read_pages(self._pool, paged_lists.EFFORTS, case_ids, request, effort_from)

    async def suite_stats(self, suite_ids: Sequence[UUID]) -> list[SuiteStats]:
        tallies: defaultdict[UUID, list[CaseTally]] = defaultdict(list)
        group_counts: dict[UUID, int] = {}
        for row in await self._pool.fetch(sql.SUITE_TALLIES, list(suite_ids)):
            if row["status"] is None:
                group_counts[row["owner_id"]] = row["n"]
            else:
                tallies[row["owner_id"]].append(tally_from(row))
        return [
            SuiteStats(
                progress=progress_percent(tallies[suite_id]),
                group_count=group_counts.get(suite_id, 0),
                case_count=case_count(tallies[suite_id]),
            )
            for suite_id in suite_ids
        ]

    async def group_stats(self, group_ids: Sequence[UUID]) -> list[GroupStats]:
        tallies: defaultdict[UUID, list[CaseTally]] = defaultdict(list)
        for row in await self._pool.fetch(sql.GROUP_TALLIES, list(group_ids)):
            tallies[row["owner_id"]].append(tally_from(row))
        return [
            GroupStats(progress=progress_percent(tallies[group_id]), case_count=case_count(tallies[group_id]))
            for group_id in group_ids
        ]

    async def case_facts(self, case_ids: Sequence[UUID], today: date) -> list[CaseFacts]:
        facts = {
            row["id"]: CaseFacts(
                actual_effort=row["actual_effort"],
                delay_days=delay_of(CaseStatus(row["status"]), row["estimated_end_date"], today).days,
            )
            for row in await self._pool.fetch(sql.CASE_FACTS, list(case_ids))
        }
        return [facts.get(case_id, CaseFacts()) for case_id in case_ids]
