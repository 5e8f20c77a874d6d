"""In-memory fakes of the storage ports, for unit tests of the domain and the use cases only.

    store = InMemoryStore()
    suites = SuiteUseCases(store.unit_of_work, clock)
    ...; assert store.published == [ChangeEvent(...)]

A unit of work works on a copy of the store and writes it back on commit, so a rollback leaves the
store (and `published`) untouched, as PostgreSQL would.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import TracebackType
from typing import Any, Self, TypeVar
from uuid import UUID

from tcm_common.application.filters import SuiteFilter
from tcm_common.application.list_orders import (
    CASES_OLDEST_FIRST,
    EFFORTS_NEWEST_FIRST,
    EFFORTS_OLDEST_FIRST,
    GROUPS_IN_DISPLAY_ORDER,
    HISTORY_OLDEST_FIRST,
    SUITES_NEWEST_FIRST,
)
from tcm_common.application.pagination import Keyset, Page, PageRequest, page_from
from tcm_common.application.read_models import CaseFacts, GroupStats, SuiteStats, UserRef
from tcm_common.domain.case import TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.delay import delay_of
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.errors import NotFound, VersionConflict
from tcm_common.domain.events import ChangeEvent
from tcm_common.domain.group import TestGroup
from tcm_common.domain.progress import CaseTally, case_count, progress_percent
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.suite import TestSuite


@dataclass
class _Tables:
    suites: dict[UUID, TestSuite] = field(default_factory=dict)
    groups: dict[UUID, TestGroup] = field(default_factory=dict)
    cases: dict[UUID, TestCase] = field(default_factory=dict)
    status_changes: list[StatusChange] = field(default_factory=list)
    efforts: list[EffortRecord] = field(default_factory=list)
    users: dict[UUID, UserRef] = field(default_factory=dict)


def _check_version(resource: str, stored: TestSuite | TestGroup | TestCase | None, new_version: int) -> None:
    if stored is None or stored.version != new_version - 1:
        raise VersionConflict(resource, "?" if stored is None else stored.id, new_version - 1)


def _matches(suite: TestSuite, suite_filter: SuiteFilter) -> bool:
    text = (suite_filter.search_text or "").lower()
    return (
        (suite_filter.status is None or suite.status == suite_filter.status)
        and (not text or text in suite.name.lower() or text in (suite.description or "").lower())
        and (suite_filter.start_from is None or suite.estimated_start_date >= suite_filter.start_from)
        and (suite_filter.end_to is None or suite.estimated_end_date <= suite_filter.end_to)
    )


_T = TypeVar("_T")


def _page(
    items: Iterable[_T], keyset: Keyset[_T], scope: str, request: PageRequest, *, descending: bool = False
) -> Page[_T]:
    """What the keyset statements of tcm_common.persistence.keyset answer, over a Python list."""
    ordered = sorted(items, key=keyset.key_of, reverse=descending)
    after: Any = request.position(keyset, scope)
    rest = [
        item
        for item in ordered
        if after is None or (keyset.key_of(item) < after if descending else keyset.key_of(item) > after)
    ]
    return page_from(rest[: request.size + 1], request=request, keyset=keyset, scope=scope, total_count=len(ordered))


class _Suites:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    async def get(self, suite_id: UUID, *, for_update: bool = False) -> TestSuite | None:  # noqa: ARG002 the port passes it by keyword; a fake has no locks
        return self._t.suites.get(suite_id)

    async def add(self, suite: TestSuite) -> None:
        self._t.suites[suite.id] = suite

    async def update(self, suite: TestSuite) -> None:
        _check_version("test suite", self._t.suites.get(suite.id), suite.version)
        self._t.suites[suite.id] = suite

    async def delete(self, suite_id: UUID) -> None:
        for group in [g for g in self._t.groups.values() if g.suite_id == suite_id]:
            await _Groups(self._t).delete(group.id)
        del self._t.suites[suite_id]

    async def count_groups(self, suite_id: UUID) -> int:
        return sum(1 for group in self._t.groups.values() if group.suite_id == suite_id)

    async def page(self, suite_filter: SuiteFilter, request: PageRequest) -> Page[TestSuite]:
        matching = (suite for suite in self._t.suites.values() if _matches(suite, suite_filter))
        return _page(matching, SUITES_NEWEST_FIRST, "", request, descending=True)


class _Groups:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    async def get(self, group_id: UUID, *, for_update: bool = False) -> TestGroup | None:  # noqa: ARG002 the port passes it by keyword; a fake has no locks
        return self._t.groups.get(group_id)

    async def add(self, group: TestGroup) -> None:
        if group.suite_id not in self._t.suites:
            raise NotFound("test suite", group.suite_id)
        self._t.groups[group.id] = group

    async def update(self, group: TestGroup) -> None:
        _check_version("test group", self._t.groups.get(group.id), group.version)
        self._t.groups[group.id] = group

    async def delete(self, group_id: UUID) -> None:
        for case in [c for c in self._t.cases.values() if c.group_id == group_id]:
            await _Cases(self._t).delete(case.id)
        del self._t.groups[group_id]

    async def count_cases(self, group_id: UUID) -> int:
        return sum(1 for case in self._t.cases.values() if case.group_id == group_id)

    async def list_for_suite(self, suite_id: UUID) -> list[TestGroup]:
        return sorted(
            (g for g in self._t.groups.values() if g.suite_id == suite_id), key=lambda g: g.display_order
        )

    async def page_for_suite(self, suite_id: UUID, request: PageRequest) -> Page[TestGroup]:
        groups = (g for g in self._t.groups.values() if g.suite_id == suite_id)
        return _page(groups, GROUPS_IN_DISPLAY_ORDER, str(suite_id), request)

    async def next_display_order(self, suite_id: UUID) -> int:
        return max((g.display_order + 1 for g in await self.list_for_suite(suite_id)), default=0)


class _Cases:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    async def get(self, case_id: UUID) -> TestCase | None:
        return self._t.cases.get(case_id)

    async def add(self, case: TestCase) -> None:
        if case.group_id not in self._t.groups:
            raise NotFound("test group", case.group_id)
        self._t.cases[case.id] = case

    async def update(self, case: TestCase) -> None:
        _check_version("test case", self._t.cases.get(case.id), case.version)
        self._t.cases[case.id] = case

    async def delete(self, case_id: UUID) -> None:
        self._t.status_changes = [c for c in self._t.status_changes if c.case_id != case_id]
        self._t.efforts = [e for e in self._t.efforts if e.case_id != case_id]
        del self._t.cases[case_id]

    async def page_for_group(
        self, group_id: UUID, status: CaseStatus | None, request: PageRequest
    ) -> Page[TestCase]:
        cases = (c for c in self._t.cases.values() if c.group_id == group_id and status in (None, c.status))
        return _page(cases, CASES_OLDEST_FIRST, str(group_id), request)


class _StatusChanges:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    async def add(self, change: StatusChange) -> None:
        self._t.status_changes.append(change)

    async def page_for_case(self, case_id: UUID, request: PageRequest) -> Page[StatusChange]:
        changes = (change for change in self._t.status_changes if change.case_id == case_id)
        return _page(changes, HISTORY_OLDEST_FIRST, str(case_id), request)


class _Efforts:
    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    async def add(self, record: EffortRecord) -> None:
        self._t.efforts.append(record)

    async def page_for_case(
        self, case_id: UUID, request: PageRequest, *, newest_first: bool = False
    ) -> Page[EffortRecord]:
        records = (record for record in self._t.efforts if record.case_id == case_id)
        keyset = EFFORTS_NEWEST_FIRST if newest_first else EFFORTS_OLDEST_FIRST
        return _page(records, keyset, str(case_id), request, descending=newest_first)


def _tallies(cases: Sequence[TestCase]) -> list[CaseTally]:
    counts = Counter((case.status, case.priority) for case in cases)
    return [(status, priority, n) for (status, priority), n in counts.items()]


class _Reads:
    """The computed values, from the same rules of the domain the SQL of tcm_common.persistence feeds."""

    def __init__(self, tables: _Tables) -> None:
        self._t = tables

    def _cases_of_group(self, group_id: UUID) -> list[TestCase]:
        return [case for case in self._t.cases.values() if case.group_id == group_id]

    async def suite_stats(self, suite_ids: Sequence[UUID]) -> list[SuiteStats]:
        stats = []
        for suite_id in suite_ids:
            groups = [group for group in self._t.groups.values() if group.suite_id == suite_id]
            tallies = _tallies([case for group in groups for case in self._cases_of_group(group.id)])
            stats.append(SuiteStats(progress_percent(tallies), len(groups), case_count(tallies)))
        return stats

    async def group_stats(self, group_ids: Sequence[UUID]) -> list[GroupStats]:
        tallies = [_tallies(self._cases_of_group(group_id)) for group_id in group_ids]
        return [GroupStats(progress_percent(each), case_count(each)) for each in tallies]

    async def case_facts(self, case_ids: Sequence[UUID], today: date) -> list[CaseFacts]:
        facts = []
        for case_id in case_ids:
            case = self._t.cases.get(case_id)
            if case is None:
                facts.append(CaseFacts())
                continue
            suite = self._t.suites[self._t.groups[case.group_id].suite_id]
            effort = sum((e.hours for e in self._t.efforts if e.case_id == case_id), Decimal(0))
            facts.append(CaseFacts(effort, delay_of(case.status, suite.estimated_end_date, today).days))
        return facts

    async def user_refs(self, user_ids: Sequence[UUID]) -> list[UserRef | None]:
        return [self._t.users.get(user_id) for user_id in user_ids]


class InMemoryStore:
    def __init__(self) -> None:
        self.tables = _Tables()
        self.published: list[ChangeEvent] = []

    def unit_of_work(self, *, read_only: bool = False) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self, read_only=read_only)


class InMemoryUnitOfWork:
    def __init__(self, store: InMemoryStore, *, read_only: bool = False) -> None:
        self._store = store
        self._read_only = read_only
        self._tables = copy.deepcopy(store.tables)
        self._events: list[ChangeEvent] = []
        self.suites = _Suites(self._tables)
        self.groups = _Groups(self._tables)
        self.cases = _Cases(self._tables)
        self.status_changes = _StatusChanges(self._tables)
        self.efforts = _Efforts(self._tables)
        self.reads = _Reads(self._tables)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        return None

    def publish(self, event: ChangeEvent) -> None:
        self._events.append(event)

    async def commit(self) -> None:
        assert not self._read_only, "a read-only unit of work cannot commit"
        self._store.tables = self._tables
        self._store.published.extend(self._events)
