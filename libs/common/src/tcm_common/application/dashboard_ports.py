"""Port of the dashboard's read: ONE statement over every suite and case, counts only (the domain's
rules turn them into progress and delay)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from tcm_common.domain.progress import CaseTally
from tcm_common.domain.suite_status import SuiteStatus


@dataclass(frozen=True, slots=True)
class DashboardTallies:
    """`suites_by_status` leaves out the statuses no suite has; `cases` counts the cases by their suite's
    estimated end date, their status and their priority."""

    suites_by_status: dict[SuiteStatus, int]
    cases: list[tuple[date, CaseTally]]


class DashboardReads(Protocol):
    async def dashboard_tallies(self) -> DashboardTallies: ...
