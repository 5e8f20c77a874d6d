"""One reliability run: the mixed load over the three services, then a stop under load of each service,
on a throwaway database; the figures, and whether every promise held."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tcm_bench.figures import Machine
from tcm_bench.machine import describe_machine
from tcm_bench.profile import DataShape
from tcm_bench.reliability.mixed_load import Budget, LoadResult, run_mixed_load
from tcm_bench.reliability.protocols import protocol_clients
from tcm_bench.reliability.shutdown import STOP_BUDGET_SECONDS, ShutdownFigures, shutdown_under_load
from tcm_bench.reliability.verification import Verification, verify_acknowledged
from tcm_bench.seeding import SeededData, seed
from tcm_bench.services import SERVICES, running_services
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database


@dataclass(frozen=True, slots=True)
class ReliabilityProfile:
    name: str
    clients: int
    budget: Budget
    shutdown_clients: int
    writes_before_stop: int
    data: DataShape


FULL = ReliabilityProfile(
    name="full",
    clients=100,
    budget=Budget(seconds=60.0),
    shutdown_clients=30,
    writes_before_stop=200,
    data=DataShape(suites=4, groups_per_suite=5, cases_per_group=10),
)
# CI: bounded by the number of operations, not by the clock, so a slow machine only takes longer.
QUICK = ReliabilityProfile(
    name="quick",
    clients=24,
    budget=Budget(operations_per_client=6),
    shutdown_clients=8,
    writes_before_stop=12,
    data=DataShape(suites=2, groups_per_suite=4, cases_per_group=6),
)


@dataclass(frozen=True, slots=True)
class StopResult:
    figures: ShutdownFigures
    verification: Verification

    def problems(self) -> list[str]:
        figures, found = self.figures, []
        if figures.failed_requests:
            found.append(f"{figures.service}: {figures.failed_requests} failed in-flight requests")
            found += [f"{figures.service}: {example}" for example in figures.load.failure_examples[:3]]
        if figures.exit_code != 0:
            found.append(f"{figures.service}: exit code {figures.exit_code}")
        if figures.exit_after_seconds is None or figures.exit_after_seconds > STOP_BUDGET_SECONDS:
            found.append(f"{figures.service}: exit after {figures.exit_after_seconds} s")
        if not figures.port_refused_after_exit:
            found.append(f"{figures.service}: its port still accepts connections")
        if not any(word in figures.stream_end for word in ("close 1012", "close 1001", "UNAVAILABLE", "no stream")):
            found.append(f"{figures.service}: stream ended badly: {figures.stream_end}")
        found += [f"{figures.service}: lost {line}" for line in self.verification.lost]
        return found


@dataclass(frozen=True, slots=True)
class RunReport:
    profile: ReliabilityProfile
    started_at: datetime
    machine: Machine
    load: LoadResult
    load_verification: Verification
    stops: list[StopResult]

    def problems(self) -> list[str]:
        found = [f"unexpected: {example}" for example in self.load.failure_examples]
        if self.load.total_failures and not found:
            found.append(f"{self.load.total_failures} unexpected errors")
        found += [f"lost {line}" for line in self.load_verification.lost]
        for stop in self.stops:
            found += stop.problems()
        return found


async def run_reliability(profile: ReliabilityProfile) -> RunReport:
    started_at = datetime.now(UTC)
    async with throwaway_database(await admin_url()) as url:
        await apply_migrations(url)
        machine = await describe_machine(url)
        seeded = await seed(url, profile.data)
        case_ids = [case.id for case in seeded.cases]
        needed = profile.clients + len(SERVICES) * profile.shutdown_clients
        if len(case_ids) < needed:
            raise ValueError(f"the profile needs {needed} cases, the data has {len(case_ids)}")
        load, verification = await _mixed_load(url, seeded, case_ids[: profile.clients], profile)
        stops = []
        for index, name in enumerate(SERVICES):
            first = profile.clients + index * profile.shutdown_clients
            ids = case_ids[first : first + profile.shutdown_clients]
            figures = await shutdown_under_load(url, seeded, name, ids, profile.writes_before_stop)
            stops.append(StopResult(figures, await verify_acknowledged(url, figures.load.acknowledged)))
    return RunReport(profile, started_at, machine, load, verification, stops)


async def _mixed_load(
    url: str, seeded: SeededData, case_ids: list[UUID], profile: ReliabilityProfile
) -> tuple[LoadResult, Verification]:
    async with running_services(url) as services, protocol_clients(services, seeded, profile.clients) as clients:
        load = await run_mixed_load([clients[name] for name in SERVICES], case_ids, profile.budget)
    return load, await verify_acknowledged(url, load.acknowledged)
