"""Suite status and its only legal transitions (same status is not a transition)."""

from __future__ import annotations

import enum

from tcm_common.domain.errors import InvalidTransition


class SuiteStatus(enum.StrEnum):
    PREPARATION = "PREPARATION"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    SUSPENDED = "SUSPENDED"

    def allowed_transitions(self) -> list[SuiteStatus]:
        """The statuses a suite in this status may move to next, in the order of the workflow."""
        return list(_NEXT_IN_ORDER[self])


SUITE_TRANSITIONS: dict[SuiteStatus, frozenset[SuiteStatus]] = {
    SuiteStatus.PREPARATION: frozenset({SuiteStatus.IN_PROGRESS, SuiteStatus.SUSPENDED}),
    SuiteStatus.IN_PROGRESS: frozenset({SuiteStatus.COMPLETED, SuiteStatus.SUSPENDED}),
    SuiteStatus.SUSPENDED: frozenset({SuiteStatus.IN_PROGRESS}),
    SuiteStatus.COMPLETED: frozenset({SuiteStatus.IN_PROGRESS}),  # reopen
}
# Each status's next ones in the order of the workflow, worked out once: asked for on every case read.
_NEXT_IN_ORDER: dict[SuiteStatus, tuple[SuiteStatus, ...]] = {
    current: tuple(status for status in SuiteStatus if status in SUITE_TRANSITIONS[current]) for current in SuiteStatus
}


def check_suite_transition(current: SuiteStatus, target: SuiteStatus) -> None:
    if target not in SUITE_TRANSITIONS[current]:
        raise InvalidTransition("test suite", current, target)
