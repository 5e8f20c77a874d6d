"""TestSuite: the top of the hierarchy, with its fields' rules and its status workflow."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from tcm_common.domain.errors import SuiteClosed
from tcm_common.domain.patch import UNSET, Unset, patched
from tcm_common.domain.suite_status import SuiteStatus, check_suite_transition
from tcm_common.domain.validation import Checker

NAME_MAX_LENGTH = 100


@dataclass(frozen=True, slots=True)
class SuiteFields:
    name: str
    estimated_start_date: date
    estimated_end_date: date
    description: str | None = None
    require_effort_comment: bool = False


@dataclass(frozen=True, slots=True)
class SuitePatch:
    name: str | Unset = UNSET
    description: str | Unset | None = UNSET
    estimated_start_date: date | Unset = UNSET
    estimated_end_date: date | Unset = UNSET
    require_effort_comment: bool | Unset = UNSET


@dataclass(frozen=True, slots=True)
class TestSuite:
    __test__: ClassVar[bool] = False  # not a pytest class, despite the name

    id: UUID
    name: str
    description: str | None
    status: SuiteStatus
    estimated_start_date: date
    estimated_end_date: date
    require_effort_comment: bool
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def create(cls, suite_id: UUID, fields: SuiteFields, now: datetime) -> TestSuite:
        draft = cls(
            id=suite_id,
            name=fields.name,
            description=fields.description,
            status=SuiteStatus.PREPARATION,
            estimated_start_date=fields.estimated_start_date,
            estimated_end_date=fields.estimated_end_date,
            require_effort_comment=fields.require_effort_comment,
            created_at=now,
            updated_at=now,
            version=1,
        )
        return draft._validated()

    def apply(self, patch: SuitePatch, now: datetime) -> TestSuite:
        changed = replace(
            self,
            name=patched(self.name, patch.name),
            description=patched(self.description, patch.description),
            estimated_start_date=patched(self.estimated_start_date, patch.estimated_start_date),
            estimated_end_date=patched(self.estimated_end_date, patch.estimated_end_date),
            require_effort_comment=patched(self.require_effort_comment, patch.require_effort_comment),
        )
        return replace(changed._validated(), updated_at=now, version=self.version + 1)

    def ensure_open(self) -> None:
        """While COMPLETED, the suite's groups and cases are read-only and no effort is recorded on them
        (docs/domain.md, closed suites). The suite itself stays editable, so it can be reopened."""
        if self.status is SuiteStatus.COMPLETED:
            raise SuiteClosed(self.id)

    def change_status(self, target: SuiteStatus, now: datetime) -> TestSuite:
        check_suite_transition(self.status, target)
        return replace(self, status=target, updated_at=now, version=self.version + 1)

    def _validated(self) -> TestSuite:
        check = Checker()
        name = check.required_text("name", self.name, NAME_MAX_LENGTH)
        description = check.optional_text("description", self.description)
        if self.estimated_end_date < self.estimated_start_date:
            check.fail("estimatedEndDate", "must not be before estimatedStartDate")
        check.raise_if_failed()
        return replace(self, name=name, description=description)
