"""A suite's burn-up: its weighted progress at the end of each day, and the plan to compare it with
(docs/charts.md). The statuses per day come from the status history; this module only fixes the days
and the plan line, and weighs a day's cases with the one progress formula."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tcm_common.domain.percent import percent
from tcm_common.domain.progress import CaseTally, progress_percent

# At most a year of points: a suite that runs longer shows its last 366 days.
MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class BurnUpPoint:
    """`actual`: the suite's progress at the end of `day` (None for days after today); `planned`: the
    share of the estimated period that has passed by the end of `day`, both in percent, one decimal."""

    day: date
    actual: float | None
    planned: float


def chart_days(start: date, end: date, today: date) -> list[date]:
    """From the estimated start to the estimated end or today, whichever is later (at most MAX_DAYS)."""
    last = max(end, today)
    first = max(start, last - timedelta(days=MAX_DAYS - 1))
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def planned_percent(day: date, start: date, end: date) -> float:
    """0 before the start, 100 from the end on, a straight line between: each day of the estimated
    period (start and end included) plans the same share of the work."""
    period = (end - start).days + 1
    elapsed = min(max((day - start).days + 1, 0), period)
    return percent(elapsed, period)


def burn_up(
    start: date, end: date, today: date, tallies_by_day: Mapping[date, Sequence[CaseTally]]
) -> list[BurnUpPoint]:
    """One point per day of `chart_days`; a day missing from `tallies_by_day` had no case (progress 0)."""
    return [
        BurnUpPoint(
            day,
            progress_percent(tallies_by_day.get(day, ())) if day <= today else None,
            planned_percent(day, start, end),
        )
        for day in chart_days(start, end, today)
    ]

