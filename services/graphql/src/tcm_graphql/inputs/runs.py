"""Run inputs: CreateTestRunInput -> RunFields and RunSelection, UpdateTestRunInput -> RunPatch,
RecordRunResultInput -> ResultFields, and the filter of a suite's runs."""

from __future__ import annotations

from tcm_common.application.filters import RunFilter
from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.priority import Priority
from tcm_common.domain.run import RunFields, RunPatch
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import ResultFields, RunResult
from tcm_common.domain.run_status import RunStatus
from tcm_graphql.inputs.fields import Input, patch_value
from tcm_graphql.inputs.ids import parse_ids


def run_fields(data: Input) -> RunFields:
    return RunFields(
        name=data["name"],
        description=data.get("description"),
        label=data.get("label"),
        drives_workflow=bool(data.get("drivesWorkflow")),
    )


def run_selection(data: Input | None) -> RunSelection:
    """Neither groups nor cases chosen (null or absent): every case of the suite (RunSelection.of)."""
    data = data or {}
    group_ids, case_ids = data.get("groupIds"), data.get("caseIds")
    chosen = group_ids is not None or case_ids is not None
    return RunSelection.of(
        group_ids=parse_ids(group_ids or [], "selection.groupIds") if chosen else None,
        case_ids=parse_ids(case_ids or [], "selection.caseIds") if chosen else None,
        priorities=[Priority(priority) for priority in data.get("priorities") or ()],
    )


def run_patch(data: Input) -> RunPatch:
    return RunPatch(
        name=patch_value(data, "name", nullable=False),
        description=patch_value(data, "description", nullable=True),
        label=patch_value(data, "label", nullable=True),
        drives_workflow=patch_value(data, "drivesWorkflow", nullable=False),
    )


def result_fields(data: Input) -> ResultFields:
    return ResultFields(
        result=RunResult(data["result"]),
        comment=data.get("comment"),
        duration_ms=_milliseconds(data.get("durationMs")),
        external_id=data.get("externalId"),
    )


def run_filter(data: Input | None) -> RunFilter:
    status = (data or {}).get("status")
    return RunFilter(status=RunStatus(status) if status else None)


def _milliseconds(value: float | None) -> int | None:
    # GraphQL's Int has 32 bits, too few for every duration; a Float carries them, if whole.
    if value is None:
        return None
    if not float(value).is_integer():
        raise ValidationFailed.single("durationMs", "must be a whole number of milliseconds, not negative")
    return int(value)
