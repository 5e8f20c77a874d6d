"""Case status workflow and each status's completion rate."""

from __future__ import annotations

import enum
from decimal import Decimal

from tcm_common.domain.errors import InvalidTransition


class CaseStatus(enum.StrEnum):
    CREATED = "CREATED"
    TESTING = "TESTING"
    FIXING = "FIXING"
    RETESTING = "RETESTING"
    REVIEW_WAITING = "REVIEW_WAITING"
    REVIEWING = "REVIEWING"
    COMPLETED = "COMPLETED"

    def allowed_transitions(self) -> list[CaseStatus]:
        """The statuses a case in this status may move to next, in the order of the workflow."""
        return list(_NEXT_IN_ORDER[self])


CASE_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.CREATED: frozenset({CaseStatus.TESTING}),
    CaseStatus.TESTING: frozenset({CaseStatus.FIXING, CaseStatus.REVIEW_WAITING}),
    CaseStatus.FIXING: frozenset({CaseStatus.RETESTING}),
    CaseStatus.RETESTING: frozenset({CaseStatus.FIXING, CaseStatus.REVIEW_WAITING}),
    CaseStatus.REVIEW_WAITING: frozenset({CaseStatus.REVIEWING}),
    CaseStatus.REVIEWING: frozenset({CaseStatus.COMPLETED, CaseStatus.FIXING}),
    CaseStatus.COMPLETED: frozenset({CaseStatus.RETESTING}),  # reopen
}
# Each status's next ones in the order of the workflow, worked out once: asked for on every case read.
_NEXT_IN_ORDER: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    current: tuple(status for status in CaseStatus if status in CASE_TRANSITIONS[current]) for current in CaseStatus
}

COMPLETION_RATE: dict[CaseStatus, Decimal] = {
    CaseStatus.CREATED: Decimal("0"),
    CaseStatus.TESTING: Decimal("0.25"),
    CaseStatus.FIXING: Decimal("0.25"),
    CaseStatus.RETESTING: Decimal("0.5"),
    CaseStatus.REVIEW_WAITING: Decimal("0.5"),
    CaseStatus.REVIEWING: Decimal("0.75"),
    CaseStatus.COMPLETED: Decimal("1"),
}


def check_case_transition(current: CaseStatus, target: CaseStatus) -> None:
    if target not in CASE_TRANSITIONS[current]:
        raise InvalidTransition("test case", current, target)
