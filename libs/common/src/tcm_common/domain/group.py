"""TestGroup: a named, ordered part of a suite."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.patch import UNSET, Unset, patched
from tcm_common.domain.validation import Checker

NAME_MAX_LENGTH = 100


@dataclass(frozen=True, slots=True)
class GroupFields:
    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class GroupPatch:
    name: str | Unset = UNSET
    description: str | Unset | None = UNSET


@dataclass(frozen=True, slots=True)
class TestGroup:
    id: UUID
    suite_id: UUID
    name: str
    description: str | None
    display_order: int
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def create(
        cls, group_id: UUID, suite_id: UUID, fields: GroupFields, display_order: int, now: datetime
    ) -> TestGroup:
        draft = cls(group_id, suite_id, fields.name, fields.description, display_order, now, now, 1)
        return draft._validated()

    def apply(self, patch: GroupPatch, now: datetime) -> TestGroup:
        changed = replace(
            self,
            name=patched(self.name, patch.name),
            description=patched(self.description, patch.description),
        )
        return replace(changed._validated(), updated_at=now, version=self.version + 1)

    def _validated(self) -> TestGroup:
        check = Checker()
        name = check.required_text("name", self.name, NAME_MAX_LENGTH)
        description = check.optional_text("description", self.description)
        check.raise_if_failed()
        return replace(self, name=name, description=description)


def reorder(groups: Sequence[TestGroup], ordered_ids: Sequence[UUID], now: datetime) -> list[TestGroup]:
    """New display orders 0..n-1 following `ordered_ids`; returns only the groups that moved."""
    if len(ordered_ids) != len(groups) or set(ordered_ids) != {group.id for group in groups}:
        raise ValidationFailed.single("groupIds", "must list every group of the suite exactly once")
    position = {group_id: index for index, group_id in enumerate(ordered_ids)}
    return [
        replace(group, display_order=position[group.id], updated_at=now, version=group.version + 1)
        for group in groups
        if group.display_order != position[group.id]
    ]
