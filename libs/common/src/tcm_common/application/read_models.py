"""Computed values the services show next to the entities (progress, counts, actual effort, delay) and
the dashboard's figures over all of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tcm_common.domain.case import TestCase
from tcm_common.domain.group import TestGroup
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.suite_status import SuiteStatus


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
class CaseTree:
    case: TestCase
    facts: CaseFacts


@dataclass(frozen=True, slots=True)
class GroupTree:
    group: TestGroup
    stats: GroupStats
    cases: list[CaseTree] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SuiteTree:
    """A suite with its groups (in display order) and their cases, computed values included."""

    suite: TestSuite
    stats: SuiteStats
    groups: list[GroupTree] = field(default_factory=list)


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
