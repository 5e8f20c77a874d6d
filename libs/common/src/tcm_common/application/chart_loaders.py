"""The series behind the suite's charts (docs/charts.md), for DataLoaders (one set per request), like
tcm_common.application.loaders: a constant number of statements whatever the number of suites, answers in
the order of the ids given (an empty series for an unknown suite), the right to read checked per call.

    loaders = platform.chart_loaders(principal)
    [points] = await loaders.progress_histories([suite_id])   # BurnUpPoint per day, start to today or end
    [runs] = await loaders.run_pass_rates([suite_id])         # RunPassRate per started run, oldest first
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol
from uuid import UUID

from tcm_common.application.clock import Clock
from tcm_common.application.policy import Action, authorize
from tcm_common.application.run_views import RunView
from tcm_common.domain.burn_up import BurnUpPoint
from tcm_common.domain.principal import Principal

# The pass-rate chart shows a suite's latest runs, at most this many.
MAX_RUNS_CHARTED = 50


@dataclass(frozen=True, slots=True)
class RunPassRate:
    """A started run (in progress or completed) as the pass-rate chart places it: on the organisation's
    date it was completed, or started while it is still in progress."""

    run: RunView
    day: date

    @property
    def pass_rate(self) -> float:
        return self.run.pass_rate

    @property
    def completion(self) -> float:
        return self.run.completion


class ChartReads(Protocol):
    async def progress_histories(
        self, suite_ids: Sequence[UUID], today: date, time_zone: str
    ) -> list[list[BurnUpPoint]]: ...

    async def run_pass_rates(
        self, suite_ids: Sequence[UUID], time_zone: str, limit: int
    ) -> list[list[RunPassRate]]: ...


class ChartLoaders:
    def __init__(self, reads: ChartReads, principal: Principal | None, clock: Clock) -> None:
        self._reads = reads
        self._principal = principal
        self._clock = clock

    async def progress_histories(self, suite_ids: Sequence[UUID]) -> list[list[BurnUpPoint]]:
        """Each suite's burn-up, days judged in the organisation's time zone up to its today."""
        authorize(self._principal, Action.READ)
        return await self._reads.progress_histories(suite_ids, self._clock.today(), self._clock.time_zone_name)

    async def run_pass_rates(self, suite_ids: Sequence[UUID]) -> list[list[RunPassRate]]:
        """Each suite's latest started runs (MAX_RUNS_CHARTED), oldest first."""
        authorize(self._principal, Action.READ)
        return await self._reads.run_pass_rates(suite_ids, self._clock.time_zone_name, MAX_RUNS_CHARTED)
