"""TestRun: one execution of a chosen set of a suite's cases, with its status workflow
(docs/domain-runs.md)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar
from uuid import UUID

from tcm_common.domain.errors import Conflict
from tcm_common.domain.patch import UNSET, Unset, patched
from tcm_common.domain.run_status import RunStatus, check_run_transition
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.domain.validation import Checker

NAME_MAX_LENGTH = 100
LABEL_MAX_LENGTH = 100


@dataclass(frozen=True, slots=True)
class RunFields:
    name: str
    description: str | None = None
    label: str | None = None
    drives_workflow: bool = False


@dataclass(frozen=True, slots=True)
class RunPatch:
    name: str | Unset = UNSET
    description: str | Unset | None = UNSET
    label: str | Unset | None = UNSET
    drives_workflow: bool | Unset = UNSET


@dataclass(frozen=True, slots=True)
class TestRun:
    """`completed_at` is when the run was closed (completed or aborted); reopening clears it, and
    `started_at` keeps the first start."""

    __test__: ClassVar[bool] = False  # not a pytest class, despite the name

    id: UUID
    suite_id: UUID
    name: str
    description: str | None
    label: str | None
    status: RunStatus
    drives_workflow: bool
    created_by: UUID
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    version: int

    @classmethod
    def create(cls, run_id: UUID, suite_id: UUID, fields: RunFields, created_by: UUID, now: datetime) -> TestRun:
        draft = cls(
            id=run_id,
            suite_id=suite_id,
            name=fields.name,
            description=fields.description,
            label=fields.label,
            status=RunStatus.PLANNED,
            drives_workflow=fields.drives_workflow,
            created_by=created_by,
            created_at=now,
            updated_at=now,
            started_at=None,
            completed_at=None,
            version=1,
        )
        return draft._validated()

    def apply(self, patch: RunPatch, now: datetime) -> TestRun:
        self.ensure_open()
        changed = replace(
            self,
            name=patched(self.name, patch.name),
            description=patched(self.description, patch.description),
            label=patched(self.label, patch.label),
            drives_workflow=patched(self.drives_workflow, patch.drives_workflow),
        )
        return replace(changed._validated(), updated_at=now, version=self.version + 1)

    def change_status(self, target: RunStatus, now: datetime) -> TestRun:
        """Start (PLANNED -> IN_PROGRESS), complete, abort, or reopen a closed run (-> IN_PROGRESS)."""
        check_run_transition(self.status, target)
        return replace(
            self,
            status=target,
            started_at=self.started_at or (now if target is RunStatus.IN_PROGRESS else None),
            completed_at=now if target.is_closed else None,
            updated_at=now,
            version=self.version + 1,
        )

    def started_by_result(self, now: datetime) -> TestRun:
        """The run as a recorded result leaves it: a planned run starts, an open one stays as it is."""
        self.ensure_open()
        return self.change_status(RunStatus.IN_PROGRESS, now) if self.status is RunStatus.PLANNED else self

    def ensure_open(self) -> None:
        if self.status.is_closed:
            raise Conflict(f"test run {self.id} is {self.status} and read-only; reopen it first")

    def _validated(self) -> TestRun:
        check = Checker()
        name = check.required_text("name", self.name, NAME_MAX_LENGTH)
        description = check.optional_text("description", self.description)
        label = check.optional_text("label", self.label, LABEL_MAX_LENGTH)
        check.raise_if_failed()
        return replace(self, name=name, description=description, label=label)


def ensure_suite_open(suite_id: UUID, status: SuiteStatus) -> None:
    """While a suite is COMPLETED its runs are read-only too (docs/domain-runs.md)."""
    if status is SuiteStatus.COMPLETED:
        raise Conflict(f"test suite {suite_id} is COMPLETED and read-only; reopen it first")
