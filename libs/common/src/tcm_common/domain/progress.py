"""Progress in percent (0-100, one decimal): the priority-weighted mean of the cases' completion rates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

from tcm_common.domain.case_status import COMPLETION_RATE, CaseStatus
from tcm_common.domain.percent import percent
from tcm_common.domain.priority import WEIGHT, Priority

# (status, priority, number of cases): what one GROUP BY status, priority returns.
CaseTally: TypeAlias = tuple[CaseStatus, Priority, int]


# The completion rates in quarters (each is a multiple of 0.25: a test holds it): the sums below stay
# integers, and the one Decimal division at the end is the same as the formula's in Decimal throughout.
# A page of 50 suites sums ~1,300 tallies (docs/decisions/0016).
RATE_IN_QUARTERS: dict[CaseStatus, int] = {status: int(rate * 4) for status, rate in COMPLETION_RATE.items()}


def progress_percent(case_counts: Iterable[CaseTally]) -> float:
    """0 without cases."""
    weighted_quarters = 0
    total_weight = 0
    for status, priority, count in case_counts:
        weight = WEIGHT[priority] * count
        weighted_quarters += RATE_IN_QUARTERS[status] * weight
        total_weight += weight
    # sum(rate x weight) / total weight, with sum(rate x weight) = weighted_quarters / 4.
    return percent(weighted_quarters, 4 * total_weight)


def case_count(case_counts: Iterable[CaseTally]) -> int:
    return sum(count for _, _, count in case_counts)
