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
from pathlib import Path

from tcm_bench.figures import ReadFigures, Report
from tcm_bench.graphql_reads import graphql_reads
from tcm_bench.grpc_reads import grpc_reads
from tcm_bench.load import measure
from tcm_bench.machine import describe_machine, load_average
from tcm_bench.operations import ReadDriver
from tcm_bench.profile import FULL, QUICK, Profile
from tcm_bench.report import render, write_json
from tcm_bench.rest_reads import rest_reads
from tcm_bench.result_reports import reported_results
from tcm_bench.seeding import SeededData, seed
from tcm_bench.services import RunningService, running_services
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


async def _load(
    database_url: str,
    protocols: list[str],
    seeded: SeededData,
    profile: Profile,
    report: Report,
    phases: _Phases,
    *,
    writes: bool,
) -> None:
    """Reads and writes against services that export nothing: exporting spans costs time they should not pay."""
    names = tuple(protocols) + (("rest",) if writes and "rest" not in protocols else ())
    async with AsyncExitStack() as stack:
        with phases.phase("start services"):
            services = await stack.enter_async_context(running_services(database_url, names))
        if protocols:
            with phases.phase("reads"):
                report.reads = await _reads(services, protocols, seeded, profile)
        if writes:
            with phases.phase("writes"):
                report.writes.append(await status_change_throughput(services["rest"], seeded, profile, database_url))


async def run(profile: Profile, section: str) -> Report:
    protocols = [key for key in READS if section in ("all", key)]
    wants_writes = section in ("all", "writes")
    wants_results = section in ("all", "results")
    phases = _Phases()
    async with throwaway_database(await admin_url()) as database_url:
        with phases.phase("migrate and seed"):
            await apply_migrations(database_url)
            seeded = await seed(database_url, profile.data)
        report = Report(profile.name, seeded.counts, await describe_machine(database_url))
        if protocols:
            with phases.phase("count SQL statements"), otlp_collector() as collector:
                environment = exporting_environment(collector)
                async with running_services(database_url, tuple(protocols), environment) as traced:
                    for key in protocols:
                        protocol, driver = READS[key]
                        report.sql_counts += await count_statements(
                            protocol, driver, traced[key], seeded, profile, collector
                        )
        if protocols or wants_writes:
            await _load(database_url, protocols, seeded, profile, report, phases, writes=wants_writes)
        if wants_results:
            with phases.phase("reported results"):
                report.reported_results = await reported_results(database_url, seeded, profile)
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
