"""What the use cases answer with: each entity with its computed values (progress, counts, actual effort,
delay, next statuses), other users as references, the results of writes, and the dashboard's figures.
The services only map these to their wire formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from tcm_common.domain.case import TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.group import TestGroup
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.domain.user import User


@dataclass(frozen=True, slots=True)
class SuiteStats:
    progress: float = 0.0
    group_count: int = 0
    case_count: int = 0


@dataclass(frozen=True, slots=True)
class GroupStats:
    progress: float = 0.0
    case_count: int = 0


@dataclass(frozen=True, slots=True)
class CaseFacts:
    actual_effort: Decimal = Decimal(0)
    delay_days: int = 0

    @property
    def is_delayed(self) -> bool:
        return self.delay_days > 0


@dataclass(frozen=True, slots=True)
class UserRef:
    """Another user as every reader may see them: who changed or recorded something. Role, disabled flag
    and last login stay with user management (Admin only)."""

    id: UUID
    username: str

    @classmethod
    def of(cls, user: User) -> UserRef:
        return cls(user.id, user.username)


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case as every protocol shows it: the entity, its next statuses, actual effort and delay."""

    case: TestCase
    facts: CaseFacts

    @property
    def id(self) -> UUID:
        return self.case.id

    @property
    def version(self) -> int:
        return self.case.version

    @property
    def allowed_transitions(self) -> list[CaseStatus]:
        return self.case.status.allowed_transitions()

    @property
    def actual_effort(self) -> Decimal:
        return self.facts.actual_effort

    @property
    def is_delayed(self) -> bool:
        return self.facts.is_delayed

    @property
    def delay_days(self) -> int:
        return self.facts.delay_days


@dataclass(frozen=True, slots=True)
class GroupView:
    """A group with its progress and number of cases."""

    group: TestGroup
    stats: GroupStats

    @property
    def id(self) -> UUID:
        return self.group.id

    @property
    def version(self) -> int:
        return self.group.version

    @property
    def progress(self) -> float:
        return self.stats.progress

    @property
    def case_count(self) -> int:
        return self.stats.case_count


@dataclass(frozen=True, slots=True)
class SuiteView:
    """A suite with its next statuses, progress and numbers of groups and cases."""

    suite: TestSuite
    stats: SuiteStats

    @property
    def id(self) -> UUID:
        return self.suite.id

    @property
    def version(self) -> int:
        return self.suite.version

    @property
    def allowed_transitions(self) -> list[SuiteStatus]:
        return self.suite.status.allowed_transitions()

    @property
    def progress(self) -> float:
        return self.stats.progress

    @property
    def group_count(self) -> int:
        return self.stats.group_count

    @property
    def case_count(self) -> int:
        return self.stats.case_count


@dataclass(frozen=True, slots=True)
class GroupTree:
    view: GroupView
    cases: list[CaseView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SuiteTree:
    """A suite with its groups (in display order) and their cases, computed values included."""

    view: SuiteView
    groups: list[GroupTree] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One step of a case's history and who made it (None once that user is deleted)."""

    change: StatusChange
    changed_by: UserRef | None


@dataclass(frozen=True, slots=True)
class EffortEntry:
    """One effort record and who recorded it (None once that user is deleted)."""

    record: EffortRecord
    recorded_by: UserRef | None


@dataclass(frozen=True, slots=True)
class StatusChangeResult:
    """What a case status change wrote: the history entry, and the case as it is after the change."""

    entry: HistoryEntry
    case: CaseView


@dataclass(frozen=True, slots=True)
class EffortResult:
    """What recording effort wrote: the record, and the case with its new actual effort."""

    entry: EffortEntry
    case: CaseView


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: SuiteStatus
    count: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    """`suites_by_status` has every status, in the order of SuiteStatus, zero counts included;
    `overall_progress` weighs every case of every suite like a suite's progress (0 without cases);
    a case is delayed as TestCase.delayDays says (tcm_common.domain.delay)."""

    suites_by_status: list[StatusCount]
    overall_progress: float
    case_count: int
    delayed_case_count: int
