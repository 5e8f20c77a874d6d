"""RunEntry: a run's snapshot of one case, and the selection of cases a new run covers
(docs/domain-runs.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.priority import Priority
from tcm_common.domain.run_result import RunResult


@dataclass(frozen=True, slots=True)
class RunEntry:
    """The case's title and priority as they were when the run was created (or when a report added the
    case): later edits or the deletion of the case change nothing here. `result` is the latest record's,
    recorded at `result_at`."""

    id: UUID
    run_id: UUID
    case_id: UUID
    position: int
    title: str
    priority: Priority
    assignee_id: UUID | None
    result: RunResult
    result_at: datetime | None


@dataclass(frozen=True, slots=True)
class RunSelection:
    """The cases a new run covers: every case of the suite (`all_cases`), or the cases of `group_ids`
    together with `case_ids` (nothing when both are empty); narrowed to `priorities` when any are given."""

    all_cases: bool = True
    group_ids: tuple[UUID, ...] = ()
    case_ids: tuple[UUID, ...] = ()
    priorities: tuple[Priority, ...] = ()

    def __post_init__(self) -> None:
        if self.all_cases and (self.group_ids or self.case_ids):
            raise ValidationFailed.single("selection", "choose all cases, or groups and cases, not both")

    @classmethod
    def of(
        cls,
        group_ids: Sequence[UUID] | None = None,
        case_ids: Sequence[UUID] | None = None,
        priorities: Sequence[Priority] | None = None,
    ) -> RunSelection:
        """What the APIs take: no groups and no cases means all cases."""
        chosen = group_ids is not None or case_ids is not None
        return cls(
            all_cases=not chosen,
            group_ids=tuple(dict.fromkeys(group_ids or ())),
            case_ids=tuple(dict.fromkeys(case_ids or ())),
            priorities=tuple(dict.fromkeys(priorities or ())),
        )

    @classmethod
    def nothing(cls) -> RunSelection:
        """An empty run, for a run that a report fills with the cases it reports."""
        return cls(all_cases=False)
