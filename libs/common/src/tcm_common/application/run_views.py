"""What the run use cases answer with (docs/domain-runs.md): runs with their figures, entries, result
records, and the report of an import. Other users appear as references (id and username)."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from tcm_common.application.read_models import UserRef
from tcm_common.domain.run import TestRun
from tcm_common.domain.run_entry import RunEntry
from tcm_common.domain.run_figures import RunFigures
from tcm_common.domain.run_result import ResultRecord, RunResult
from tcm_common.domain.run_status import RUN_TRANSITIONS, RunStatus


@dataclass(frozen=True, slots=True)
class RunView:
    """A run with its entries counted per result, completion and pass rate (percent, one decimal)."""

    run: TestRun
    figures: RunFigures
    created_by: UserRef | None  # None once that user is deleted

    @property
    def id(self) -> UUID:
        return self.run.id

    @property
    def version(self) -> int:
        return self.run.version

    @property
    def allowed_transitions(self) -> list[RunStatus]:
        return [status for status in RunStatus if status in RUN_TRANSITIONS[self.run.status]]

    @property
    def counts(self) -> dict[RunResult, int]:
        return self.figures.counts

    @property
    def entry_count(self) -> int:
        return self.figures.total

    @property
    def completion(self) -> float:
        return self.figures.completion

    @property
    def pass_rate(self) -> float:
        return self.figures.pass_rate


@dataclass(frozen=True, slots=True)
class EntryView:
    entry: RunEntry
    assignee: UserRef | None

    @property
    def id(self) -> UUID:
        return self.entry.id


@dataclass(frozen=True, slots=True)
class ResultView:
    record: ResultRecord
    recorded_by: UserRef | None


@dataclass(frozen=True, slots=True)
class RecordedResult:
    """What recording one result wrote: the record, the entry it set and the run after it."""

    result: ResultView
    entry: EntryView
    run: RunView


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What a batch of reported results did to a run.

    `recorded` counts the new records per result (every result present); `already_recorded` the results
    this report had recorded before (a re-import records nothing twice); `matched` the results whose
    automation key or case id named a case of the suite; `created` the cases made for unknown keys;
    `added` the cases that joined the run because a result was reported for them; `unmatched_keys` and
    `unmatched_case_ids` what named no case (nothing recorded for them)."""

    run: RunView
    recorded: dict[RunResult, int]
    already_recorded: int
    matched: int
    created: int
    added: int
    unmatched_keys: list[str] = field(default_factory=list)
    unmatched_case_ids: list[UUID] = field(default_factory=list)

    @property
    def recorded_total(self) -> int:
        return sum(self.recorded.values())
