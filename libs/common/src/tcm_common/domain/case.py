"""TestCase: the unit of testing work, with its status workflow and planned effort."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from tcm_common.domain.automation import automation_key_of
from tcm_common.domain.case_status import CaseStatus, check_case_transition
from tcm_common.domain.patch import UNSET, Unset, patched
from tcm_common.domain.priority import Priority
from tcm_common.domain.status_change import REASON_MAX_LENGTH, StatusChange
from tcm_common.domain.validation import Checker

TITLE_MAX_LENGTH = 200
MAX_PLANNED_EFFORT = Decimal("99999.99")  # hours; what numeric(7,2) stores


@dataclass(frozen=True, slots=True)
class CaseFields:
    title: str
    description: str | None = None
    priority: Priority = Priority.MEDIUM
    planned_effort: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CasePatch:
    title: str | Unset = UNSET
    description: str | Unset | None = UNSET
    priority: Priority | Unset = UNSET
    planned_effort: Decimal | Unset | None = UNSET


@dataclass(frozen=True, slots=True)
class TestCase:
    __test__: ClassVar[bool] = False  # not a pytest class, despite the name

    id: UUID
    group_id: UUID
    title: str
    description: str | None
    status: CaseStatus
    priority: Priority
    planned_effort: Decimal | None
    created_at: datetime
    updated_at: datetime
    version: int
    # The identity of the automated test behind this case, unique within its suite (domain/automation.py).
    automation_key: str | None = None

    @classmethod
    def create(cls, case_id: UUID, group_id: UUID, fields: CaseFields, now: datetime) -> TestCase:
        draft = cls(
            id=case_id,
            group_id=group_id,
            title=fields.title,
            description=fields.description,
            status=CaseStatus.CREATED,
            priority=fields.priority,
            planned_effort=fields.planned_effort,
            created_at=now,
            updated_at=now,
            version=1,
        )
        return draft._validated()

    def apply(self, patch: CasePatch, now: datetime) -> TestCase:
        changed = replace(
            self,
            title=patched(self.title, patch.title),
            description=patched(self.description, patch.description),
            priority=patched(self.priority, patch.priority),
            planned_effort=patched(self.planned_effort, patch.planned_effort),
        )
        return replace(changed._validated(), updated_at=now, version=self.version + 1)

    def change_status(
        self, target: CaseStatus, reason: str | None, changed_by: UUID, change_id: UUID, now: datetime
    ) -> tuple[TestCase, StatusChange]:
        check_case_transition(self.status, target)
        check = Checker()
        cleaned_reason = check.optional_text("reason", reason, REASON_MAX_LENGTH)
        check.raise_if_failed()
        change = StatusChange(change_id, self.id, self.status, target, cleaned_reason, changed_by, now)
        return replace(self, status=target, updated_at=now, version=self.version + 1), change

    def with_automation_key(self, key: str | None, now: datetime) -> TestCase:
        check = Checker()
        cleaned = automation_key_of(check, key)
        check.raise_if_failed()
        return replace(self, automation_key=cleaned, updated_at=now, version=self.version + 1)

    def _validated(self) -> TestCase:
        check = Checker()
        title = check.required_text("title", self.title, TITLE_MAX_LENGTH)
        description = check.optional_text("description", self.description)
        if self.planned_effort is not None:
            check.hours(
                "plannedEffort", self.planned_effort, minimum_exclusive=False, maximum=MAX_PLANNED_EFFORT
            )
        check.raise_if_failed()
        return replace(self, title=title, description=description)
