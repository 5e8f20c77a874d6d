"""Run status and its only legal transitions (docs/domain-runs.md)."""

from __future__ import annotations

import enum

from tcm_common.domain.errors import InvalidTransition


class RunStatus(enum.StrEnum):
    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    ABORTED = "ABORTED"

    @property
    def is_closed(self) -> bool:
        """A closed run is read-only until a Manager reopens it."""
        return self in (RunStatus.COMPLETED, RunStatus.ABORTED)


RUN_TRANSITIONS: dict[RunStatus, frozenset[RunStatus]] = {
    # Completing needs a started run; a planned run that will never be executed is aborted.
    RunStatus.PLANNED: frozenset({RunStatus.IN_PROGRESS, RunStatus.ABORTED}),
    RunStatus.IN_PROGRESS: frozenset({RunStatus.COMPLETED, RunStatus.ABORTED}),
    RunStatus.COMPLETED: frozenset({RunStatus.IN_PROGRESS}),  # reopen
    RunStatus.ABORTED: frozenset({RunStatus.IN_PROGRESS}),  # reopen
}


def check_run_transition(current: RunStatus, target: RunStatus) -> None:
    if target not in RUN_TRANSITIONS[current]:
        raise InvalidTransition("test run", current, target)
