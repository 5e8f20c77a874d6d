"""Progress in percent (0-100, one decimal): the priority-weighted mean of the cases' completion rates."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TypeAlias

from tcm_common.domain.case_status import COMPLETION_RATE, CaseStatus
from tcm_common.domain.percent import percent
from tcm_common.domain.priority import WEIGHT, Priority

# (status, priority, number of cases): what one GROUP BY status, priority returns.
CaseTally: TypeAlias = tuple[CaseStatus, Priority, int]


def progress_percent(case_counts: Iterable[CaseTally]) -> float:
    """0 without cases."""
    weighted = Decimal(0)
    total_weight = 0
    for status, priority, count in case_counts:
        weighted += COMPLETION_RATE[status] * WEIGHT[priority] * count
        total_weight += WEIGHT[priority] * count
    return percent(weighted, total_weight)


def case_count(case_counts: Iterable[CaseTally]) -> int:
    return sum(count for _, _, count in case_counts)
