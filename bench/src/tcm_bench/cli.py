"""`python -m tcm_bench [all|graphql|rest|grpc|writes|results] [--quick] [--json PATH]`: one run, its figures."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import functools
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tcm_bench.figures import ReadFigures, Report
from tcm_bench.footprint import footprints, memory_after_load, start_times
from tcm_bench.graphql_reads import graphql_reads
from tcm_bench.grpc_reads import grpc_reads
from tcm_bench.load import measure
from tcm_bench.machine import describe_machine, load_average
from tcm_bench.operations import ReadDriver
from tcm_bench.profile import FULL, QUICK, Profile
from tcm_bench.report import render, write_json
from tcm_bench.rest_reads import rest_reads
from tcm_bench.result_reports import (
    REPORT_SERVICES,
    ReportedFile,
    count_report_statements,
    prepare_reports,
    time_reports,
)
from tcm_bench.seeding import SeededData, seed
from tcm_bench.services import SERVICES, RunningService, running_services
from tcm_bench.sql_counts import count_statements, exporting_environment
from tcm_bench.writes import status_change_throughput
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.testing.otlp_collector import otlp_collector
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database

READS: dict[str, tuple[str, ReadDriver]] = {
    "graphql": ("GraphQL", graphql_reads),
    "rest": ("REST", rest_reads),
    "grpc": ("gRPC", grpc_reads),
}
SECTIONS = ("all", "graphql", "rest", "grpc", "writes", "results")


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--quick", action="store_true", help="small data and few requests (CI smoke run, < 60 s)")
    common.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON to PATH")
    main = argparse.ArgumentParser(
        prog="python -m tcm_bench",
        description="Benchmarks against a throwaway database on the test PostgreSQL server; prints figures.",
        parents=[common],
    )
    commands = main.add_subparsers(dest="section", metavar="{" + ",".join(SECTIONS) + "}")
    helps = {
        "all": "every benchmark below (the default)",
        "graphql": "GraphQL testSuites tree for each page size, and its SQL statements per request",
        "rest": "REST suite page and suite with groups.cases",
        "grpc": "gRPC ListTestSuites and GetTestSuite through the typed client",
        "writes": "case status changes over REST at concurrency 8, version conflicts counted",
        "results": "a 10,000-test JUnit report recorded into a run over REST and over gRPC, SQL statements counted",
    }
    for name in SECTIONS:
        commands.add_parser(name, help=helps[name], parents=[common])
    return main


class _Phases:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        print(f"... {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = time.perf_counter() - started


async def _reads(
    services: dict[str, RunningService], protocols: list[str], seeded: SeededData, profile: Profile
) -> list[ReadFigures]:
    figures: list[ReadFigures] = []
    for key in protocols:
        protocol, driver = READS[key]
        for concurrency in profile.concurrencies:
            # A fresh client (and GraphQL sign-in) per concurrency: connections sized for it.
            async with driver(services[key], seeded, profile, concurrency) as operations:
                for operation in operations:
                    measurement = await measure(functools.partial(operation.call, {}), concurrency, profile.reads)
                    figures.append(ReadFigures(protocol, operation.name, concurrency, measurement))
    order = {(f.protocol, f.operation): index for index, f in enumerate(figures)}
    return sorted(figures, key=lambda f: (order[(f.protocol, f.operation)], f.concurrency))


@dataclass(frozen=True, slots=True)
class _Bench:
    """One run's database, data, profile, and the figures it collects."""

    database_url: str
    seeded: SeededData
    profile: Profile
    report: Report
    phases: _Phases
    memory: dict[str, float | None] = dataclasses.field(default_factory=dict)


async def _count_sql(bench: _Bench, protocols: list[str], reported: ReportedFile | None) -> dict[str, tuple[str, ...]]:
    """Statements per read request into the report; those of one reported file, returned per protocol."""
    names = tuple(dict.fromkeys([*protocols, *(REPORT_SERVICES if reported else ())]))
    if not names:
        return {}
    with bench.phases.phase("count SQL statements"), otlp_collector() as collector:
        environment = exporting_environment(collector)
        async with running_services(bench.database_url, names, environment) as traced:
            for key in protocols:
                protocol, driver = READS[key]
                bench.report.sql_counts += await count_statements(
                    protocol, driver, traced[key], bench.seeded, bench.profile, collector
                )
            if reported is None:
                return {}
            return await count_report_statements(traced, reported, collector)


async def _load(
    bench: _Bench,
    protocols: list[str],
    reported: ReportedFile | None,
    report_statements: dict[str, tuple[str, ...]],
    *,
    writes: bool,
) -> None:
    """Reads, writes and reports against services that export nothing: exporting spans costs time."""
    names = tuple(dict.fromkeys([*protocols, *(("rest",) if writes else ()), *(REPORT_SERVICES if reported else ())]))
    if not names:
        return
    report, phases = bench.report, bench.phases
    async with AsyncExitStack() as stack:
        with phases.phase("start services"):
            services = await stack.enter_async_context(running_services(bench.database_url, names))
        if protocols:
            with phases.phase("reads"):
                report.reads = await _reads(services, protocols, bench.seeded, bench.profile)
        if writes:
            with phases.phase("writes"):
                report.writes.append(
                    await status_change_throughput(services["rest"], bench.seeded, bench.profile, bench.database_url)
                )
        if reported is not None:
            with phases.phase("reported results"):
                report.reported_results = await time_reports(services, reported, bench.profile, report_statements)
        bench.memory.update(memory_after_load(services))


async def run(profile: Profile, section: str) -> Report:
    protocols = [key for key in READS if section in ("all", key)]
    phases = _Phases()
    async with throwaway_database(await admin_url()) as database_url:
        with phases.phase("migrate and seed"):
            await apply_migrations(database_url)
            seeded = await seed(database_url, profile.data)
            reported = await prepare_reports(database_url, seeded, profile) if section in ("all", "results") else None
        report = Report(profile.name, seeded.counts, await describe_machine(database_url))
        bench = _Bench(database_url, seeded, profile, report, phases)
        report_statements = await _count_sql(bench, protocols, reported)
        await _load(bench, protocols, reported, report_statements, writes=section in ("all", "writes"))
        if section == "all":
            with phases.phase("start-up times"):
                starts = await start_times(database_url, SERVICES, profile.starts)
            report.footprints = footprints(starts, bench.memory)
    sql = {(count.protocol, count.operation): count.statements for count in report.sql_counts}
    report.reads = [
        dataclasses.replace(figures, sql_statements=sql.get((figures.protocol, figures.operation)))
        for figures in report.reads
    ]
    report.machine = dataclasses.replace(report.machine, load_average_after=load_average())
    report.phases_seconds = phases.seconds
    return report


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    profile = QUICK if arguments.quick else FULL
    started = time.perf_counter()
    report = asyncio.run(run(profile, arguments.section or "all"))
    report.phases_seconds["total"] = time.perf_counter() - started
    print(render(report), flush=True)
    if arguments.json is not None:
        write_json(report, arguments.json)
    return 0
