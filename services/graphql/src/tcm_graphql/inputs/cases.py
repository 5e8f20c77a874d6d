"""Case and effort inputs: CreateTestCaseInput, UpdateTestCaseInput, RecordEffortInput."""

from __future__ import annotations

from tcm_common.domain.case import CaseFields, CasePatch
from tcm_common.domain.effort import EffortFields
from tcm_common.domain.input_values import exact_decimal
from tcm_common.domain.patch import Unset
from tcm_common.domain.priority import Priority
from tcm_graphql.inputs.fields import Input, optional_hours, patch_hours, patch_value


def case_fields(data: Input) -> CaseFields:
    return CaseFields(
        title=data["title"],
        description=data.get("description"),
        priority=Priority(data.get("priority") or Priority.MEDIUM),
        planned_effort=optional_hours(data.get("plannedEffort")),
    )


def case_patch(data: Input) -> CasePatch:
    priority = patch_value(data, "priority", nullable=False)
    return CasePatch(
        title=patch_value(data, "title", nullable=False),
        description=patch_value(data, "description", nullable=True),
        priority=priority if isinstance(priority, Unset) else Priority(priority),
        planned_effort=patch_hours(data, "plannedEffort"),
    )


def effort_fields(data: Input) -> EffortFields:
    return EffortFields(work_date=data["date"], hours=exact_decimal(data["hours"]), comment=data.get("comment"))
