"""What a side-by-side run produces, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field

from tcm_bench.figures import Machine
from tcm_bench.sidebyside.answers import AnswerCheck
from tcm_bench.sidebyside.big_data import BigDataReport
from tcm_bench.sidebyside.contenders import Request
from tcm_bench.sidebyside.measured import PassFigures
from tcm_bench.sidebyside.profile import SideBySideProfile
from tcm_bench.sidebyside.round_trips import RoundTrips


@dataclass(frozen=True, slots=True)
class LoadFigures:
    request: Request
    contender_key: str
    concurrency: int
    passes: list[PassFigures]


@dataclass(slots=True)
class SideBySideReport:
    profile: SideBySideProfile
    data: dict[str, int]
    machine: Machine
    http_tool: str
    checks: list[AnswerCheck] = field(default_factory=list)
    round_trips: dict[tuple[str, str], RoundTrips] = field(default_factory=dict)  # (request kind, contender)
    loads: list[LoadFigures] = field(default_factory=list)
    big_data: BigDataReport | None = None  # with --big-data only
    exported_spans: dict[str, int] = field(default_factory=dict)  # by service, as the collector received them
    seconds: float = 0.0

    def load(self, request: Request, contender_key: str, concurrency: int) -> LoadFigures | None:
        for figures in self.loads:
            if (figures.request, figures.contender_key, figures.concurrency) == (request, contender_key, concurrency):
                return figures
        return None
