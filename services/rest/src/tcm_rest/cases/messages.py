"""What the case routes accept and answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tcm_common.application.read_models import CaseView
from tcm_common.domain.case import MAX_PLANNED_EFFORT, TITLE_MAX_LENGTH, CaseFields, CasePatch
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.input_values import exact_decimal
from tcm_common.domain.priority import Priority
from tcm_common.domain.status_change import REASON_MAX_LENGTH
from tcm_rest.wire import Description, NextCursor, Representation, RequestBody, kept_unless_sent, text

Title = Annotated[str, text(min_length=1, max_length=TITLE_MAX_LENGTH)]
PlannedEffort = Annotated[
    float, msgspec.Meta(ge=0, le=float(MAX_PLANNED_EFFORT), description="Hours, at most two decimals.")
]


class TestCaseCreate(RequestBody):
    title: Title
    description: Description | None = None
    priority: Priority = Priority.MEDIUM
    planned_effort: PlannedEffort | None = None

    def fields(self) -> CaseFields:
        planned = None if self.planned_effort is None else exact_decimal(self.planned_effort)
        return CaseFields(
            title=self.title, description=self.description, priority=self.priority, planned_effort=planned
        )


class TestCaseUpdate(RequestBody):
    title: Title | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType | None = msgspec.UNSET
    priority: Priority | msgspec.UnsetType = msgspec.UNSET
    planned_effort: PlannedEffort | msgspec.UnsetType | None = msgspec.UNSET

    def patch(self) -> CasePatch:
        planned = self.planned_effort
        return CasePatch(
            title=kept_unless_sent(self.title),
            description=kept_unless_sent(self.description),
            priority=kept_unless_sent(self.priority),
            planned_effort=exact_decimal(planned) if isinstance(planned, float) else kept_unless_sent(planned),
        )


class TestCaseStatusChange(RequestBody):
    status: CaseStatus
    reason: Annotated[str, text(max_length=REASON_MAX_LENGTH)] | None = None


class TestCase(Representation):
    id: UUID
    group_id: UUID
    title: str
    description: str | None
    status: CaseStatus
    allowed_transitions: list[CaseStatus]
    priority: Priority
    planned_effort: float | None
    actual_effort: Annotated[float, msgspec.Meta(description="Sum of the recorded effort, in hours.")]
    is_delayed: bool
    delay_days: int
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, view: CaseView) -> TestCase:
        case = view.case
        return cls(
            id=case.id,
            group_id=case.group_id,
            title=case.title,
            description=case.description,
            status=case.status,
            allowed_transitions=view.allowed_transitions,
            priority=case.priority,
            planned_effort=None if case.planned_effort is None else float(case.planned_effort),
            actual_effort=float(view.actual_effort),
            is_delayed=view.is_delayed,
            delay_days=view.delay_days,
            created_at=case.created_at,
            updated_at=case.updated_at,
            version=case.version,
        )


class TestCasePage(Representation):
    items: list[TestCase]
    next_cursor: NextCursor
    total_count: int
