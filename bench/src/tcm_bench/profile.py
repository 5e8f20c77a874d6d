"""How much data and how many requests a run uses: the full profile, and the quick one CI can afford."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DataShape:
    suites: int
    groups_per_suite: int
    cases_per_group: int

    @property
    def cases(self) -> int:
        return self.suites * self.groups_per_suite * self.cases_per_group


@dataclass(frozen=True, slots=True)
class Budget:
    """Per measured scenario: warm-up requests (not recorded), then requests until either limit is met."""

    warmup_requests: int
    max_requests: int
    max_seconds: float


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    data: DataShape
    page_sizes: tuple[int, ...]
    concurrencies: tuple[int, ...]
    reads: Budget
    writes: Budget
    write_concurrency: int
    # The writers pick among this many cases, so that some of them collide on a version.
    hot_cases: int
    # Test cases in the one JUnit report recorded over each protocol, and how many times it is timed.
    reported_results: int
    report_rounds: int
    # Times each service is started alone to time its start-up.
    starts: int


FULL = Profile(
    name="full",
    data=DataShape(suites=200, groups_per_suite=5, cases_per_group=20),
    page_sizes=(10, 50, 100),
    concurrencies=(1, 8),
    reads=Budget(warmup_requests=8, max_requests=400, max_seconds=15.0),
    writes=Budget(warmup_requests=16, max_requests=3000, max_seconds=20.0),
    write_concurrency=8,
    hot_cases=200,
    reported_results=10_000,
    report_rounds=3,
    starts=3,
)

QUICK = Profile(
    name="quick",
    data=DataShape(suites=100, groups_per_suite=2, cases_per_group=5),
    page_sizes=(10, 50, 100),
    concurrencies=(1, 8),
    reads=Budget(warmup_requests=2, max_requests=16, max_seconds=1.0),
    writes=Budget(warmup_requests=8, max_requests=200, max_seconds=2.0),
    write_concurrency=8,
    hot_cases=20,
    reported_results=500,
    report_rounds=1,
    starts=1,
)
