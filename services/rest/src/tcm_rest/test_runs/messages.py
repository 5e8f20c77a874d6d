"""What the test run routes accept and answer (docs/domain-runs.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tcm_common.application.read_models import UserRef
from tcm_common.application.run_views import EntryView, ImportReport, RecordedResult, ResultView, RunView
from tcm_common.domain.automation import AUTOMATION_KEY_MAX_LENGTH
from tcm_common.domain.case import TestCase
from tcm_common.domain.priority import Priority
from tcm_common.domain.run import LABEL_MAX_LENGTH, NAME_MAX_LENGTH, RunFields, RunPatch
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import (
    COMMENT_MAX_LENGTH,
    EXTERNAL_ID_MAX_LENGTH,
    MAX_DURATION_MS,
    ResultFields,
    ResultSource,
    RunResult,
)
from tcm_common.domain.run_status import RunStatus
from tcm_rest.wire import Description, Representation, RequestBody, kept_unless_sent, text

RunName = Annotated[str, text(min_length=1, max_length=NAME_MAX_LENGTH)]
Label = Annotated[str, text(max_length=LABEL_MAX_LENGTH, description="The build or environment, e.g. `build 2.4.1`.")]
AutomationKey = Annotated[str, text(max_length=AUTOMATION_KEY_MAX_LENGTH)]


class TestRunCreate(RequestBody):
    """Without `groupIds` and `caseIds` the run covers every case of the suite; with them, the cases of
    those groups and those cases. `priorities` narrows either choice."""

    name: RunName
    description: Description | None = None
    label: Label | None = None
    drives_workflow: Annotated[
        bool, msgspec.Meta(description="Results move the cases through their workflow where legal.")
    ] = False
    group_ids: list[UUID] | None = None
    case_ids: list[UUID] | None = None
    priorities: list[Priority] | None = None

    def fields(self) -> RunFields:
        return RunFields(self.name, self.description, self.label, self.drives_workflow)

    def selection(self) -> RunSelection:
        return RunSelection.of(self.group_ids, self.case_ids, self.priorities)


class TestRunUpdate(RequestBody):
    """Only the fields sent change; `description: null` or `label: null` clears it."""

    name: RunName | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType | None = msgspec.UNSET
    label: Label | msgspec.UnsetType | None = msgspec.UNSET
    drives_workflow: bool | msgspec.UnsetType = msgspec.UNSET

    def patch(self) -> RunPatch:
        return RunPatch(
            name=kept_unless_sent(self.name),
            description=kept_unless_sent(self.description),
            label=kept_unless_sent(self.label),
            drives_workflow=kept_unless_sent(self.drives_workflow),
        )


class RunEntryAssignment(RequestBody):
    entry_ids: Annotated[list[UUID], msgspec.Meta(min_length=1, max_length=1000)]
    assignee_id: Annotated[UUID | None, msgspec.Meta(description="null unassigns the entries.")]


class ResultRecordCreate(RequestBody):
    case_id: UUID
    result: RunResult
    comment: (
        Annotated[str, text(max_length=COMMENT_MAX_LENGTH, description="Required for FAILED and BLOCKED.")] | None
    ) = None
    duration_ms: Annotated[int, msgspec.Meta(ge=0, le=MAX_DURATION_MS)] | None = None
    external_id: Annotated[str, text(max_length=EXTERNAL_ID_MAX_LENGTH)] | None = None

    def fields(self) -> ResultFields:
        return ResultFields(self.result, self.comment, self.duration_ms, ResultSource.MANUAL, self.external_id)


class AutomationKeyChange(RequestBody):
    automation_key: Annotated[AutomationKey | None, msgspec.Meta(description="null (or blank) removes the key.")]


class UserReference(Representation):
    id: UUID
    username: str

    @classmethod
    def of(cls, user: UserRef | None) -> UserReference | None:
        return None if user is None else cls(id=user.id, username=user.username)


class TestRun(Representation):
    id: UUID
    suite_id: UUID
    name: str
    description: str | None
    label: str | None
    status: RunStatus
    allowed_transitions: list[RunStatus]
    drives_workflow: bool
    created_by: Annotated[UserReference | None, msgspec.Meta(description="null once that user is deleted.")]
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    entry_count: int
    counts: Annotated[dict[RunResult, int], msgspec.Meta(description="Entries per result, every result present.")]
    completion: Annotated[float, msgspec.Meta(description="Percent of entries with a result, one decimal.")]
    pass_rate: Annotated[float, msgspec.Meta(description="Percent PASSED of the entries with a result.")]
    version: int

    @classmethod
    def of(cls, view: RunView) -> TestRun:
        run = view.run
        return cls(
            id=run.id,
            suite_id=run.suite_id,
            name=run.name,
            description=run.description,
            label=run.label,
            status=run.status,
            allowed_transitions=view.allowed_transitions,
            drives_workflow=run.drives_workflow,
            created_by=UserReference.of(view.created_by),
            created_at=run.created_at,
            updated_at=run.updated_at,
            started_at=run.started_at,
            completed_at=run.completed_at,
            entry_count=view.entry_count,
            counts=dict(view.counts),
            completion=view.completion,
            pass_rate=view.pass_rate,
            version=run.version,
        )


class TestRunPage(Representation):
    items: list[TestRun]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Pass it as `cursor` for the next page; null on the last page.")
    ]
    total_count: int


class RunEntry(Representation):
    """The case as it was when it joined the run: later edits of the case change nothing here."""

    id: UUID
    case_id: UUID
    position: int
    title: str
    priority: Priority
    assignee: UserReference | None
    result: RunResult
    result_at: datetime | None

    @classmethod
    def of(cls, view: EntryView) -> RunEntry:
        entry = view.entry
        return cls(
            id=entry.id,
            case_id=entry.case_id,
            position=entry.position,
            title=entry.title,
            priority=entry.priority,
            assignee=UserReference.of(view.assignee),
            result=entry.result,
            result_at=entry.result_at,
        )


class ResultRecord(Representation):
    id: UUID
    case_id: UUID
    result: RunResult
    comment: str | None
    duration_ms: int | None
    source: ResultSource
    external_id: str | None
    recorded_by: UserReference | None
    recorded_at: datetime

    @classmethod
    def of(cls, view: ResultView) -> ResultRecord:
        record = view.record
        return cls(
            id=record.id,
            case_id=record.case_id,
            result=record.result,
            comment=record.comment,
            duration_ms=record.duration_ms,
            source=record.source,
            external_id=record.external_id,
            recorded_by=UserReference.of(view.recorded_by),
            recorded_at=record.recorded_at,
        )


class RecordedResultAnswer(Representation):
    """The new record, the entry it set and the run after it."""

    result: ResultRecord
    entry: RunEntry
    run: TestRun

    @classmethod
    def of(cls, recorded: RecordedResult) -> RecordedResultAnswer:
        return cls(
            result=ResultRecord.of(recorded.result),
            entry=RunEntry.of(recorded.entry),
            run=TestRun.of(recorded.run),
        )


class JUnitImportReport(Representation):
    """`recorded` counts the new records per result; `alreadyRecorded` the results this same report had
    recorded before (a re-import records nothing twice); `matched` the results that named a case of the
    suite; `created` the cases made for unknown keys; `added` the cases that joined the run."""

    run: TestRun
    recorded: dict[RunResult, int]
    recorded_total: int
    already_recorded: int
    matched: int
    created: int
    added: int
    unmatched_keys: list[str]

    @classmethod
    def of(cls, report: ImportReport) -> JUnitImportReport:
        return cls(
            run=TestRun.of(report.run),
            recorded=dict(report.recorded),
            recorded_total=report.recorded_total,
            already_recorded=report.already_recorded,
            matched=report.matched,
            created=report.created,
            added=report.added,
            unmatched_keys=report.unmatched_keys,
        )


class CaseAutomationKey(Representation):
    case_id: UUID
    automation_key: str | None
    version: Annotated[int, msgspec.Meta(description="The case's version after the change.")]

    @classmethod
    def of(cls, case: TestCase) -> CaseAutomationKey:
        return cls(case_id=case.id, automation_key=case.automation_key, version=case.version)
