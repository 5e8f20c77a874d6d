"""`drivesWorkflow`: how a recorded result moves its case through the case workflow
(docs/domain-runs.md). Only these moves exist; every other result or status moves nothing."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from tcm_common.domain.case import TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.run_result import RunResult
from tcm_common.domain.status_change import StatusChange

_MOVES: dict[tuple[RunResult, CaseStatus], CaseStatus] = {
    (RunResult.FAILED, CaseStatus.TESTING): CaseStatus.FIXING,
    (RunResult.FAILED, CaseStatus.RETESTING): CaseStatus.FIXING,
    (RunResult.PASSED, CaseStatus.TESTING): CaseStatus.REVIEW_WAITING,
    (RunResult.PASSED, CaseStatus.RETESTING): CaseStatus.REVIEW_WAITING,
}
MOVING_RESULTS = frozenset(result for result, _ in _MOVES)


def workflow_target(result: RunResult, status: CaseStatus) -> CaseStatus | None:
    return _MOVES.get((result, status))


def run_reason(run_name: str, result: RunResult) -> str:
    return f"run {run_name}: {result}"


def move_by_result(
    case: TestCase, result: RunResult, run_name: str, *, moved_by: UUID, change_id: UUID, now: datetime
) -> tuple[TestCase, StatusChange] | None:
    """The case after the move and its history entry, or None when this result moves nothing."""
    target = workflow_target(result, case.status)
    if target is None:
        return None
    return case.change_status(target, run_reason(run_name, result), moved_by, change_id, now)
