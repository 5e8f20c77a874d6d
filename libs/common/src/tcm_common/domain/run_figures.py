"""A run's figures: entries per result, completion and pass rate, in percent with one decimal like
progress (docs/domain-runs.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tcm_common.domain.percent import percent
from tcm_common.domain.run_result import RunResult


@dataclass(frozen=True, slots=True)
class RunFigures:
    """`counts` has every result, in the order of RunResult, zero counts included."""

    counts: dict[RunResult, int]

    @classmethod
    def of(cls, counts: Mapping[RunResult, int]) -> RunFigures:
        return cls({result: counts.get(result, 0) for result in RunResult})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def tested(self) -> int:
        return self.total - self.counts[RunResult.UNTESTED]

    @property
    def completion(self) -> float:
        """Entries with a result other than UNTESTED, of all entries (0 without entries)."""
        return percent(self.tested, self.total)

    @property
    def pass_rate(self) -> float:
        """PASSED entries of those with a result other than UNTESTED (0 when none has one)."""
        return percent(self.counts[RunResult.PASSED], self.tested)
