"""How much data and load a side-by-side run uses: the full profile, and the quick one the tests run."""

from __future__ import annotations

from dataclasses import dataclass

from tcm_bench.profile import DataShape


@dataclass(frozen=True, slots=True)
class SideBySideProfile:
    name: str
    data: DataShape
    concurrencies: tuple[int, ...]
    # Per request, contender and concurrency: warm-up requests (not recorded), then `passes` measured
    # windows of `pass_seconds` each.
    warmup_requests: int
    passes: int
    pass_seconds: int
    # Suites whose trees are compared across every contender before loading (the page is compared too).
    compared_suites: int
    # Database round trips: requests counted one by one after warm-up; the median is reported.
    counted_requests: int

    @property
    def cases_per_suite(self) -> int:
        return self.data.groups_per_suite * self.data.cases_per_group


PAGE_SIZE = 50

FULL = SideBySideProfile(
    name="full",
    data=DataShape(suites=200, groups_per_suite=5, cases_per_group=20),
    concurrencies=(1, 8),
    warmup_requests=100,
    passes=2,
    pass_seconds=10,
    compared_suites=10,
    counted_requests=7,
)

QUICK = SideBySideProfile(
    name="quick",
    data=DataShape(suites=6, groups_per_suite=2, cases_per_group=5),
    concurrencies=(1, 8),
    warmup_requests=8,
    passes=2,
    pass_seconds=1,
    compared_suites=2,
    counted_requests=3,
)
