"""What the suite routes accept and answer."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tcm_common.application.read_models import SuiteView
from tcm_common.domain.suite import NAME_MAX_LENGTH, SuiteFields, SuitePatch
from tcm_common.domain.suite_status import SuiteStatus
from tcm_rest.groups.messages import TestGroup
from tcm_rest.wire import Description, NextCursor, Representation, RequestBody, kept_unless_sent, text

SuiteName = Annotated[str, text(min_length=1, max_length=NAME_MAX_LENGTH)]


class TestSuiteCreate(RequestBody):
    name: SuiteName
    estimated_start_date: date
    estimated_end_date: date
    description: Description | None = None
    require_effort_comment: bool = False

    def fields(self) -> SuiteFields:
        return SuiteFields(
            name=self.name,
            description=self.description,
            estimated_start_date=self.estimated_start_date,
            estimated_end_date=self.estimated_end_date,
            require_effort_comment=self.require_effort_comment,
        )


class TestSuiteUpdate(RequestBody):
    """Only the fields sent change; `description: null` clears it."""

    name: SuiteName | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType | None = msgspec.UNSET
    estimated_start_date: date | msgspec.UnsetType = msgspec.UNSET
    estimated_end_date: date | msgspec.UnsetType = msgspec.UNSET
    require_effort_comment: bool | msgspec.UnsetType = msgspec.UNSET

    def patch(self) -> SuitePatch:
        return SuitePatch(
            name=kept_unless_sent(self.name),
            description=kept_unless_sent(self.description),
            estimated_start_date=kept_unless_sent(self.estimated_start_date),
            estimated_end_date=kept_unless_sent(self.estimated_end_date),
            require_effort_comment=kept_unless_sent(self.require_effort_comment),
        )


class TestSuiteStatusChange(RequestBody):
    status: SuiteStatus


class TestSuite(Representation):
    id: UUID
    name: str
    description: str | None
    status: SuiteStatus
    allowed_transitions: list[SuiteStatus]
    estimated_start_date: date
    estimated_end_date: date
    require_effort_comment: bool
    progress: float
    group_count: int
    case_count: int
    created_at: datetime
    updated_at: datetime
    version: int
    groups: Annotated[
        list[TestGroup] | msgspec.UnsetType,
        msgspec.Meta(description="In display order; only with ?include=groups or ?include=groups.cases."),
    ] = msgspec.UNSET

    @classmethod
    def of(cls, view: SuiteView, groups: list[TestGroup] | msgspec.UnsetType = msgspec.UNSET) -> TestSuite:
        suite = view.suite
        return cls(
            id=suite.id,
            name=suite.name,
            description=suite.description,
            status=suite.status,
            allowed_transitions=view.allowed_transitions,
            estimated_start_date=suite.estimated_start_date,
            estimated_end_date=suite.estimated_end_date,
            require_effort_comment=suite.require_effort_comment,
            progress=view.progress,
            group_count=view.group_count,
            case_count=view.case_count,
            created_at=suite.created_at,
            updated_at=suite.updated_at,
            version=suite.version,
            groups=groups,
        )


class TestSuitePage(Representation):
    items: list[TestSuite]
    next_cursor: NextCursor
    total_count: int
