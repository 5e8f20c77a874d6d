"""Batch loading of runs for one caller, for DataLoaders (one set per request), like
tcm_common.application.loaders: a constant number of statements whatever the number of ids, answers in
the order of the ids given (None or an empty list for an unknown id), the right to read checked per call.

    loaders = platform.run_loaders(principal)
    [view] = await loaders.runs_by_id([run_id])
    [entries] = await loaders.entries_for_runs([run_id])   # the cases: Loaders.cases_by_id
    [records] = await loaders.results_for_entries([(run_id, entries[0].entry.case_id)])
    [page] = await loaders.run_pages([suite_id], PageRequest.of(20))   # newest first, as list_for_suite
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeAlias
from uuid import UUID

from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, authorize
from tcm_common.application.run_views import EntryView, ResultView, RunView
from tcm_common.domain.principal import Principal

# An entry by its run and case: what result records are keyed by.
EntryKey: TypeAlias = tuple[UUID, UUID]


class RunBatchReads(Protocol):
    async def runs_by_id(self, ids: Sequence[UUID]) -> list[RunView | None]: ...
    async def entries_for_runs(self, run_ids: Sequence[UUID]) -> list[list[EntryView]]: ...
    async def results_for_entries(self, entries: Sequence[EntryKey]) -> list[list[ResultView]]: ...
    async def run_pages(self, suite_ids: Sequence[UUID], request: PageRequest) -> list[Page[RunView]]: ...


class RunLoaders:
    def __init__(self, reads: RunBatchReads, principal: Principal | None) -> None:
        self._reads = reads
        self._principal = principal

    async def runs_by_id(self, ids: Sequence[UUID]) -> list[RunView | None]:
        authorize(self._principal, Action.READ)
        return await self._reads.runs_by_id(ids)

    async def entries_for_runs(self, run_ids: Sequence[UUID]) -> list[list[EntryView]]:
        """Each run's entries in run order."""
        authorize(self._principal, Action.READ)
        return await self._reads.entries_for_runs(run_ids)

    async def results_for_entries(self, entries: Sequence[EntryKey]) -> list[list[ResultView]]:
        """Each entry's (run id, case id) result records, oldest first (as `RunUseCases.results`)."""
        authorize(self._principal, Action.READ)
        return await self._reads.results_for_entries(entries)

    async def run_pages(self, suite_ids: Sequence[UUID], request: PageRequest) -> list[Page[RunView]]:
        """The same page of each suite's runs, newest first (as `RunUseCases.list_for_suite`); an unknown
        suite has an empty page."""
        authorize(self._principal, Action.READ)
        return await self._reads.run_pages(suite_ids, request)
