"""What the demo shows: a few realistic suites whose cases sit at varied points of the workflow.

Dates are relative to the day of seeding, so one suite is overdue and its open cases show as delayed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.priority import Priority
from tcm_common.domain.suite_status import SuiteStatus

C, P = CaseStatus, Priority


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
class DemoSuite:
    name: str
    description: str
    status: SuiteStatus
    starts_in_days: int
    lasts_days: int
    require_effort_comment: bool
    groups: tuple[DemoGroup, ...]


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
