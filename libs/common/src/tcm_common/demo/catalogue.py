"""What the demo shows: a few realistic suites whose cases sit at varied points of the workflow, with
their history spread over the days since each suite started, and runs on past days (docs/charts.md).

Dates are relative to the day of seeding, so one suite is overdue and its open cases show as delayed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.priority import Priority
from tcm_common.domain.run_result import RunResult
from tcm_common.domain.suite_status import SuiteStatus

C, P = CaseStatus, Priority
# A run's results, one letter per case in run order: Passed, Failed, Blocked, Skipped, Retest, "." untested.
RESULT_LETTERS = {
    "P": RunResult.PASSED,
    "F": RunResult.FAILED,
    "B": RunResult.BLOCKED,
    "S": RunResult.SKIPPED,
    "R": RunResult.RETEST,
    ".": RunResult.UNTESTED,
}


@dataclass(frozen=True, slots=True)
class DemoCase:
    title: str
    priority: Priority
    status: CaseStatus
    planned_hours: Decimal | None = None
    spent_hours: tuple[Decimal, ...] = ()


@dataclass(frozen=True, slots=True)
class DemoGroup:
    name: str
    cases: tuple[DemoCase, ...]


@dataclass(frozen=True, slots=True)
class DemoRun:
    """A run of every case of its suite, executed `days_ago` days before seeding; completed that day
    unless `completed` is False (then it is still in progress)."""

    name: str
    label: str
    days_ago: int
    results: str  # RESULT_LETTERS, one per case in run order
    completed: bool = True

    def result_of(self, position: int) -> RunResult:
        return RESULT_LETTERS[self.results[position]]


@dataclass(frozen=True, slots=True)
class DemoSuite:
    name: str
    description: str
    status: SuiteStatus
    starts_in_days: int
    lasts_days: int
    require_effort_comment: bool
    groups: tuple[DemoGroup, ...]
    runs: tuple[DemoRun, ...] = ()


def _h(*hours: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(hour) for hour in hours)


DEMO_SUITES = (
    DemoSuite(
        "Web shop release 2.4",
        "Regression and new features of the checkout rework before the spring release.",
        SuiteStatus.IN_PROGRESS,
        starts_in_days=-14,
        lasts_days=28,
        require_effort_comment=False,
        groups=(
            DemoGroup(
                "Checkout",
                (
                    DemoCase("Pay by credit card", P.CRITICAL, C.COMPLETED, Decimal(4), _h("2.5", "1.5")),
                    DemoCase("Pay by invoice", P.HIGH, C.REVIEWING, Decimal(3), _h("3")),
                    DemoCase("Apply a voucher code", P.MEDIUM, C.FIXING, Decimal(2), _h("1", "0.75")),
                    DemoCase("Abandon the cart and return", P.LOW, C.CREATED, Decimal(1)),
                ),
            ),
            DemoGroup(
                "Accounts",
                (
                    DemoCase("Sign up with e-mail confirmation", P.HIGH, C.RETESTING, Decimal(3), _h("2")),
                    DemoCase("Reset a forgotten password", P.HIGH, C.TESTING, Decimal(2), _h("0.5")),
                    DemoCase("Delete an account", P.MEDIUM, C.REVIEW_WAITING, Decimal("1.5"), _h("1.5")),
                ),
            ),
        ),
        runs=(
            DemoRun("Nightly 2.4.0-rc1", "build 2.4.0-rc1", days_ago=10, results="PFFBPFP"),
            DemoRun("Nightly 2.4.0-rc2", "build 2.4.0-rc2", days_ago=6, results="PPFPPFS"),
            DemoRun("Nightly 2.4.0-rc3", "build 2.4.0-rc3", days_ago=3, results="PPPPFPP"),
            DemoRun("Staging check", "staging", days_ago=0, results="PP.P...", completed=False),
        ),
    ),
    DemoSuite(
        "Mobile app 5.0 acceptance",
        "Acceptance tests with the customer; every hour booked needs a comment.",
        SuiteStatus.IN_PROGRESS,
        starts_in_days=-30,
        lasts_days=25,
        require_effort_comment=True,
        groups=(
            DemoGroup(
                "Onboarding",
                (
                    DemoCase("First start tutorial", P.MEDIUM, C.COMPLETED, Decimal(2), _h("2")),
                    DemoCase("Push notification consent", P.HIGH, C.FIXING, Decimal(2), _h("1.25")),
                ),
            ),
            DemoGroup(
                "Offline mode",
                (
                    DemoCase("Sync after reconnect", P.CRITICAL, C.TESTING, Decimal(6), _h("3", "2")),
                    DemoCase("Conflict on both sides", P.HIGH, C.CREATED, Decimal(4)),
                ),
            ),
        ),
        runs=(
            DemoRun("Acceptance round 1", "app 5.0 beta 1", days_ago=20, results="PFBF"),
            DemoRun("Acceptance round 2", "app 5.0 beta 2", days_ago=8, results="PPFR"),
        ),
    ),
    DemoSuite(
        "Data warehouse migration",
        "Planned for next month; groups are being prepared.",
        SuiteStatus.PREPARATION,
        starts_in_days=20,
        lasts_days=30,
        require_effort_comment=False,
        groups=(
            DemoGroup(
                "Nightly loads",
                (
                    DemoCase("Orders load row counts match", P.HIGH, C.CREATED, Decimal(2)),
                    DemoCase("Late-arriving data is merged", P.MEDIUM, C.CREATED),
                ),
            ),
        ),
    ),
)
