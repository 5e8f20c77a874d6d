"""Progress and counts of groups and suites computed from their cases already read, by the domain's own
formulas, instead of reading them again as tallies (docs/decisions/0010-reads-in-few-round-trips.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tcm_common.application.read_models import GroupStats, SuiteStats
from tcm_common.domain.case import TestCase
from tcm_common.domain.progress import CaseTally, case_count, progress_percent


def tallies_of(cases: Iterable[TestCase]) -> list[CaseTally]:
    counts = Counter((case.status, case.priority) for case in cases)
    return [(status, priority, count) for (status, priority), count in counts.items()]


def group_stats_of(cases: Iterable[TestCase]) -> GroupStats:
    tallies = tallies_of(cases)
    return GroupStats(progress_percent(tallies), case_count(tallies))


def suite_stats_of(group_count: int, cases: Iterable[TestCase]) -> SuiteStats:
    """`cases`: every case of every one of the suite's `group_count` groups."""
    tallies = tallies_of(cases)
    return SuiteStats(progress_percent(tallies), group_count=group_count, case_count=case_count(tallies))
