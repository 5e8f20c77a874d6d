"""Batch reads for DataLoaders and list endpoints: ONE statement per call, whatever the number of ids.

Answers follow the order of the ids given: None, an empty list or zero stats for an unknown id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TypeVar
from uuid import UUID

import asyncpg

from tcm_common.application.read_models import CaseFacts, GroupStats, SuiteStats
from tcm_common.domain.case import TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.delay import delay_of
from tcm_common.domain.group import TestGroup
from tcm_common.domain.priority import Priority
from tcm_common.domain.progress import progress_percent
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.user import User
from tcm_common.persistence import batch_statements as sql
from tcm_common.persistence.rows import case_from, group_from, suite_from, user_from

_T = TypeVar("_T")


def _in_order(ids: Sequence[UUID], found: dict[UUID, _T]) -> list[_T | None]:
    return [found.get(identifier) for identifier in ids]


class PostgresBatchReads:
    def __init__(self, pool: asyncpg.Pool) -> None:
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

    async def groups_for_suites(self, suite_ids: Sequence[UUID]) -> list[list[TestGroup]]:
        grouped: defaultdict[UUID, list[TestGroup]] = defaultdict(list)
        for row in await self._pool.fetch(sql.GROUPS_FOR_SUITES, list(suite_ids)):
            grouped[row["suite_id"]].append(group_from(row))
        return [grouped.get(suite_id, []) for suite_id in suite_ids]

    async def cases_for_groups(self, group_ids: Sequence[UUID]) -> list[list[TestCase]]:
        grouped: defaultdict[UUID, list[TestCase]] = defaultdict(list)
        for row in await self._pool.fetch(sql.CASES_FOR_GROUPS, list(group_ids)):
            grouped[row["group_id"]].append(case_from(row))
        return [grouped.get(group_id, []) for group_id in group_ids]

    async def suite_stats(self, suite_ids: Sequence[UUID]) -> list[SuiteStats]:
        tallies: defaultdict[UUID, list[tuple[CaseStatus, Priority, int]]] = defaultdict(list)
        group_counts: dict[UUID, int] = {}
        for row in await self._pool.fetch(sql.SUITE_TALLIES, list(suite_ids)):
            if row["status"] is None:
                group_counts[row["owner_id"]] = row["n"]
            else:
                tallies[row["owner_id"]].append(
                    (CaseStatus(row["status"]), Priority(row["priority"]), row["n"])
                )
        return [
            SuiteStats(
                progress=progress_percent(tallies[suite_id]),
                group_count=group_counts.get(suite_id, 0),
                case_count=sum(count for _, _, count in tallies[suite_id]),
            )
            for suite_id in suite_ids
        ]

    async def group_stats(self, group_ids: Sequence[UUID]) -> list[GroupStats]:
        tallies: defaultdict[UUID, list[tuple[CaseStatus, Priority, int]]] = defaultdict(list)
        for row in await self._pool.fetch(sql.GROUP_TALLIES, list(group_ids)):
            tallies[row["owner_id"]].append((CaseStatus(row["status"]), Priority(row["priority"]), row["n"]))
        return [
            GroupStats(
                progress=progress_percent(tallies[group_id]),
                case_count=sum(count for _, _, count in tallies[group_id]),
            )
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
