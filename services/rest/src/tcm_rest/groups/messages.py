"""What the group routes accept and answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tcm_common.application.read_models import GroupView
from tcm_common.domain.group import NAME_MAX_LENGTH, GroupFields, GroupPatch
from tcm_rest.cases.messages import TestCase
from tcm_rest.wire import Description, NextCursor, Representation, RequestBody, kept_unless_sent, text

GroupName = Annotated[str, text(min_length=1, max_length=NAME_MAX_LENGTH)]


class TestGroupCreate(RequestBody):
    """New groups come last in the suite's order."""

    name: GroupName
    description: Description | None = None

    def fields(self) -> GroupFields:
        return GroupFields(name=self.name, description=self.description)


class TestGroupUpdate(RequestBody):
    name: GroupName | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType | None = msgspec.UNSET

    def patch(self) -> GroupPatch:
        return GroupPatch(name=kept_unless_sent(self.name), description=kept_unless_sent(self.description))


class TestGroupOrder(RequestBody):
    group_ids: Annotated[
        list[UUID], msgspec.Meta(description="Every group of the suite exactly once, in the new order.")
    ]


class TestGroup(Representation):
    id: UUID
    suite_id: UUID
    name: str
    description: str | None
    display_order: int
    progress: float
    case_count: int
    created_at: datetime
    updated_at: datetime
    version: int
    cases: Annotated[
        list[TestCase] | msgspec.UnsetType,
        msgspec.Meta(description="Only when the suite is read with ?include=groups.cases."),
    ] = msgspec.UNSET

    @classmethod
    def of(cls, view: GroupView, cases: list[TestCase] | msgspec.UnsetType = msgspec.UNSET) -> TestGroup:
        group = view.group
        return cls(
            id=group.id,
            suite_id=group.suite_id,
            name=group.name,
            description=group.description,
            display_order=group.display_order,
            progress=view.progress,
            case_count=view.case_count,
            created_at=group.created_at,
            updated_at=group.updated_at,
            version=group.version,
            cases=cases,
        )


class TestGroupPage(Representation):
    items: list[TestGroup]
    next_cursor: NextCursor
    total_count: int
