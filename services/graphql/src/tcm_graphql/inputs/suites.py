"""Suite inputs: CreateTestSuiteInput -> SuiteFields, UpdateTestSuiteInput -> SuitePatch, the filter."""

from __future__ import annotations

from tcm_common.application.filters import SuiteFilter
from tcm_common.domain.suite import SuiteFields, SuitePatch
from tcm_common.domain.suite_status import SuiteStatus
from tcm_graphql.inputs.fields import Input, patch_value


def suite_fields(data: Input) -> SuiteFields:
    # The SDL requires both dates (Date!): GraphQL validation refuses an input without them.
    return SuiteFields(
        name=data["name"],
        estimated_start_date=data["estimatedStartDate"],
        estimated_end_date=data["estimatedEndDate"],
        description=data.get("description"),
        require_effort_comment=bool(data.get("requireEffortComment")),
    )


def suite_patch(data: Input) -> SuitePatch:
    return SuitePatch(
        name=patch_value(data, "name", nullable=False),
        description=patch_value(data, "description", nullable=True),
        estimated_start_date=patch_value(data, "estimatedStartDate", nullable=False),
        estimated_end_date=patch_value(data, "estimatedEndDate", nullable=False),
        require_effort_comment=patch_value(data, "requireEffortComment", nullable=False),
    )


def suite_filter(data: Input | None) -> SuiteFilter:
    data = data or {}
    status = data.get("status")
    return SuiteFilter(
        status=SuiteStatus(status) if status else None,
        search=data.get("search"),
        start_from=data.get("startFrom"),
        end_to=data.get("endTo"),
    )
