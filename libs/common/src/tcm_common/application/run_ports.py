"""Ports of the run use cases: what they need from storage beyond tcm_common.application.ports.
The PostgreSQL adapters live in tcm_common.persistence (runs_repository, run_results_repository,
automation_repository); each method is one statement, whatever the number of rows it touches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from tcm_common.application.filters import RunFilter
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.ports import UnitOfWork
from tcm_common.application.read_models import UserRef
from tcm_common.application.run_views import EntryView, ResultView, RunView
from tcm_common.domain.case import TestCase
from tcm_common.domain.run import TestRun
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import ResultRecord
from tcm_common.domain.status_change import StatusChange


class RunRepository(Protocol):
    async def get(self, run_id: UUID, *, for_update: bool = False) -> TestRun | None: ...
    async def add(self, run: TestRun) -> None: ...
    async def update(self, run: TestRun) -> None: ...
    async def delete(self, run_id: UUID) -> None: ...
    async def foreign_ids(
        self, suite_id: UUID, group_ids: Sequence[UUID], case_ids: Sequence[UUID]
    ) -> tuple[list[UUID], list[UUID]]:
        """The group ids and the case ids given that are not of the suite."""
        ...

    async def snapshot(self, run: TestRun, selection: RunSelection) -> None: ...
    async def add_cases(self, run_id: UUID, case_ids: Sequence[UUID]) -> int:
        """Entries for the cases not yet in the run, after the others; returns how many joined."""
        ...

    async def assign(self, run_id: UUID, entry_ids: Sequence[UUID], assignee_id: UUID | None) -> list[UUID]:
        """The entry ids of the run that were assigned (the others are not in it)."""
        ...

    async def view(self, run: TestRun) -> RunView: ...
    async def page(self, suite_id: UUID, request: PageRequest, run_filter: RunFilter) -> Page[RunView]: ...
    async def entries(self, run_id: UUID, entry_ids: Sequence[UUID] | None = None) -> list[EntryView]:
        """In run order; only `entry_ids` when given."""
        ...

    async def entry_of_case(self, run_id: UUID, case_id: UUID) -> EntryView | None: ...
    async def user_ref(self, user_id: UUID) -> UserRef | None: ...


class ResultRepository(Protocol):
    async def add(self, records: Sequence[ResultRecord]) -> list[ResultRecord]:
        """Appends the records and sets each entry's result to its latest; returns the records written
        (a record of a report that already has one for the entry is not)."""
        ...

    async def list_for_entry(self, run_id: UUID, case_id: UUID) -> list[ResultView]: ...


class AutomationRepository(Protocol):
    async def case_ids_by_key(self, suite_id: UUID, keys: Sequence[str]) -> dict[str, UUID]: ...
    async def case_ids_in_suite(self, suite_id: UUID, case_ids: Sequence[UUID]) -> set[UUID]: ...
    async def set_key(self, case: TestCase) -> None:
        """Stores the case's new version and automation key; Conflict when another case of the suite
        has that key."""
        ...

    async def add_cases(self, cases: Sequence[TestCase]) -> None:
        """New cases with their automation keys, in one go."""
        ...

    async def cases_for_update(self, case_ids: Sequence[UUID]) -> list[TestCase]:
        """The cases that still exist, locked."""
        ...

    async def move(self, cases: Sequence[TestCase], changes: Sequence[StatusChange]) -> None:
        """Stores the cases' new statuses and versions and their history entries, in one go."""
        ...

    async def group_named(self, suite_id: UUID, name: str) -> UUID | None: ...


class RunUnitOfWork(UnitOfWork, Protocol):
    @property
    def runs(self) -> RunRepository: ...
    @property
    def results(self) -> ResultRepository: ...
    @property
    def automation(self) -> AutomationRepository: ...


class RunUnitOfWorkFactory(Protocol):
    def __call__(self, *, read_only: bool = False) -> RunUnitOfWork: ...
