"""The DataLoaders of one request (or of one subscription event), over the batch reads of libs/common.

A resolver that got read models from a use case primes the loaders with them (`case_view`, ...) and
hands the entity on: the nested fields then read the computed values from the cache, no statement again.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar
from uuid import UUID

from tcm_common.application.chart_loaders import ChartLoaders, RunPassRate
from tcm_common.application.loaders import Loaders
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.read_models import (
    CaseFacts,
    CaseView,
    GroupStats,
    GroupView,
    SuiteStats,
    SuiteView,
    UserRef,
)
from tcm_common.application.run_loaders import EntryKey, RunLoaders
from tcm_common.application.run_views import EntryView, ResultView, RunView
from tcm_common.application.tallies import group_stats_of, suite_stats_of
from tcm_common.domain.burn_up import BurnUpPoint
from tcm_common.domain.case import TestCase
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.group import TestGroup
from tcm_common.domain.run import TestRun
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.user import User
from tcm_graphql.execution.dataloader import DataLoader

_T = TypeVar("_T")
PageKey = tuple[UUID, PageRequest]


def _per_request(
    batch: Callable[[Sequence[UUID], PageRequest], Awaitable[list[Page[_T]]]],
) -> Callable[[Sequence[PageKey]], Awaitable[list[Page[_T]]]]:
    """Pages of many parents, one batch call per distinct page request: siblings asking for the same
    page (the usual case: the default first page) share one statement."""

    async def load(keys: Sequence[PageKey]) -> list[Page[_T]]:
        parents_by_request: defaultdict[PageRequest, list[UUID]] = defaultdict(list)
        for parent_id, request in keys:
            parents_by_request[request].append(parent_id)
        pages: dict[PageKey, Page[_T]] = {}
        for request, parent_ids in parents_by_request.items():
            for parent_id, page in zip(parent_ids, await batch(parent_ids, request), strict=True):
                pages[parent_id, request] = page
        return [pages[key] for key in keys]

    return load


class RequestLoaders:
    def __init__(self, batch: Loaders, run_batch: RunLoaders, chart_batch: ChartLoaders) -> None:
        self.suite: DataLoader[UUID, TestSuite | None] = DataLoader(batch.suites_by_id)
        self.group: DataLoader[UUID, TestGroup | None] = DataLoader(batch.groups_by_id)
        self.case: DataLoader[UUID, TestCase | None] = DataLoader(batch.cases_by_id)
        self.user: DataLoader[UUID, User | None] = DataLoader(batch.users_by_id)
        self.user_as_seen: DataLoader[UUID, User | UserRef | None] = DataLoader(batch.users_as_seen)
        self.groups_of_suite: DataLoader[UUID, list[TestGroup]] = DataLoader(batch.groups_for_suites)
        self.case_views_of_group: DataLoader[UUID, list[CaseView]] = DataLoader(batch.case_views_for_groups)
        self.history_of_case: DataLoader[UUID, list[StatusChange]] = DataLoader(batch.history_for_cases)
        self.efforts_of_case: DataLoader[UUID, list[EffortRecord]] = DataLoader(batch.efforts_for_cases)
        self.group_page: DataLoader[PageKey, Page[TestGroup]] = DataLoader(_per_request(batch.group_pages))
        self.case_page: DataLoader[PageKey, Page[TestCase]] = DataLoader(_per_request(batch.case_pages))
        self.history_page: DataLoader[PageKey, Page[StatusChange]] = DataLoader(_per_request(batch.history_pages))
        self.effort_page: DataLoader[PageKey, Page[EffortRecord]] = DataLoader(_per_request(batch.effort_pages))
        self.suite_stats: DataLoader[UUID, SuiteStats] = DataLoader(batch.suite_stats)
        self.group_stats: DataLoader[UUID, GroupStats] = DataLoader(batch.group_stats)
        self.case_facts: DataLoader[UUID, CaseFacts] = DataLoader(batch.case_facts)
        self.run: DataLoader[UUID, RunView | None] = DataLoader(run_batch.runs_by_id)
        self.entries_of_run: DataLoader[UUID, list[EntryView]] = DataLoader(run_batch.entries_for_runs)
        self.results_of_entry: DataLoader[EntryKey, list[ResultView]] = DataLoader(run_batch.results_for_entries)
        self.run_page: DataLoader[PageKey, Page[RunView]] = DataLoader(_per_request(run_batch.run_pages))
        self.progress_history: DataLoader[UUID, list[BurnUpPoint]] = DataLoader(chart_batch.progress_histories)
        self.run_pass_rates: DataLoader[UUID, list[RunPassRate]] = DataLoader(chart_batch.run_pass_rates)

    async def cases_of_group(self, group_id: UUID) -> list[TestCase]:
        """The group's cases, their facts primed: the cases' computed fields read no statement again."""
        return [self.case_view(view) for view in await self.case_views_of_group.load(group_id)]

    async def suite_stats_of(self, suite_id: UUID, *, from_cases: bool) -> SuiteStats:
        """`from_cases`: the query lists the suite's groups with their cases, so its figures follow from
        those rows (tcm_common.application.tallies) instead of a statement of tallies."""
        if from_cases and not self.suite_stats.holds(suite_id):
            groups = await self.groups_of_suite.load(suite_id)
            cases = await asyncio.gather(*(self.case_views_of_group.load(group.id) for group in groups))
            return suite_stats_of(len(groups), (view.case for views in cases for view in views))
        return await self.suite_stats.load(suite_id)

    async def group_count_of(self, suite_id: UUID, *, from_groups: bool) -> int:
        if from_groups and not self.suite_stats.holds(suite_id):
            return len(await self.groups_of_suite.load(suite_id))
        return (await self.suite_stats.load(suite_id)).group_count

    async def group_stats_of(self, group_id: UUID, *, from_cases: bool) -> GroupStats:
        """`from_cases`: the query lists the group's cases, so its figures follow from those rows."""
        if from_cases and not self.group_stats.holds(group_id):
            return group_stats_of(view.case for view in await self.case_views_of_group.load(group_id))
        return await self.group_stats.load(group_id)

    def suite_view(self, view: SuiteView) -> TestSuite:
        self.suite.prime(view.id, view.suite)
        self.suite_stats.prime(view.id, view.stats)
        return view.suite

    def group_view(self, view: GroupView) -> TestGroup:
        self.group.prime(view.id, view.group)
        self.group_stats.prime(view.id, view.stats)
        return view.group

    def case_view(self, view: CaseView) -> TestCase:
        self.case.prime(view.id, view.case)
        self.case_facts.prime(view.id, view.facts)
        return view.case

    def run_view(self, view: RunView) -> TestRun:
        self.run.prime(view.id, view)
        return view.run
