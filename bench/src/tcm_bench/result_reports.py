"""A large JUnit report recorded into a run end to end, over each protocol a CI job may use:

- REST: `POST /api/v1/test-runs/{id}/junit` with the XML file as the body (the service parses it);
- gRPC: the `ReportResults` client stream through the typed client, the file parsed by the caller with the
  platform's parser and sent 500 results a message, as tools/reporter sends it.

Each round records the whole report into a fresh run covering the suite (created beforehand, not timed),
so every result is a new record. A warm-up round (not recorded) comes first. The SQL statements of one
report are counted from its trace while the services export spans (tcm_bench.sql_counts, in the run's
statement-counting phase); the timed rounds run against services that export nothing, as the reads do.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass

import grpc.aio

from tcm_bench.figures import RequestFailedError, ResultFigures
from tcm_bench.http_clients import http_client
from tcm_bench.keyed_suite import KeyedSuite, junit_file, seed_keyed_suite
from tcm_bench.operations import Headers
from tcm_bench.profile import Profile
from tcm_bench.seeding import SeededData
from tcm_bench.services import RunningService
from tcm_bench.sql_counts import new_traceparent, traced_statements
from tcm_common.reporting.junit import JUnitCase, parse_junit
from tcm_common.testing.otlp_collector import OtlpCollector
from tcm_contracts.client import NO_RETRIES, Clients
from tcm_contracts.generated.testsuite import v1

REST_OPERATION = "POST /api/v1/test-runs/{id}/junit"
GRPC_OPERATION = "ReportResults client stream"
RESULTS_PER_MESSAGE = 500
DEADLINE_SECONDS = 300.0
REPORT_SERVICES = ("rest", "grpc")


@dataclass(frozen=True, slots=True)
class Reporter:
    protocol: str
    operation: str
    # A run covering every case of the suite; its id.
    new_run: Callable[[str], Awaitable[str]]
    # The report into that run; the records the answer says were written.
    report: Callable[[str, Headers], Awaitable[int]]


@dataclass(frozen=True, slots=True)
class ReportedFile:
    """What is reported, by whom: the JUnit file of every test of the suite, an API token as the bearer."""

    token: str
    suite: KeyedSuite
    junit: bytes


@asynccontextmanager
async def _rest_reporter(service: RunningService, target: ReportedFile) -> AsyncIterator[Reporter]:
    bearer = {"authorization": f"Bearer {target.token}"}
    async with http_client(service.base_url, 1) as client:

        async def new_run(name: str) -> str:
            response = await client.post(
                f"/api/v1/test-suites/{target.suite.id}/runs", json={"name": name}, headers=bearer
            )
            if response.status_code != 201:
                raise RequestFailedError(f"HTTP {response.status_code}", response.text[:300])
            return str(response.json()["id"])

        async def report(run_id: str, headers: Headers) -> int:
            response = await client.post(
                f"/api/v1/test-runs/{run_id}/junit",
                content=target.junit,
                headers={**bearer, "content-type": "application/xml", **headers},
            )
            if response.status_code != 200:
                raise RequestFailedError(f"HTTP {response.status_code}", response.text[:300])
            return int(response.json()["recordedTotal"])

        yield Reporter("REST", REST_OPERATION, new_run, report)


def _messages(target: v1.ReportTarget, cases: list[JUnitCase]) -> Iterator[v1.ReportResultsRequest]:
    yield v1.ReportResultsRequest(target=target)
    for start in range(0, len(cases), RESULTS_PER_MESSAGE):
        batch = [
            v1.ReportedResult(
                automation_key=case.key,
                result=v1.RunResult[case.result.name],
                title=case.name,
                comment=case.comment,
                duration_ms=case.duration_ms,
            )
            for case in cases[start : start + RESULTS_PER_MESSAGE]
        ]
        yield v1.ReportResultsRequest(results=v1.ReportedResults(results=batch))


@asynccontextmanager
async def _grpc_reporter(service: RunningService, target: ReportedFile) -> AsyncIterator[Reporter]:
    parsed = parse_junit(target.junit)  # by the caller, before the stream opens, as tools/reporter does
    async with grpc.aio.insecure_channel(service.target) as channel:
        clients = Clients.over(channel, token=target.token, retry=NO_RETRIES)

        async def new_run(name: str) -> str:
            try:
                response = await clients.runs.create_test_run(
                    v1.CreateTestRunRequest(suite_id=str(target.suite.id), name=name), timeout=DEADLINE_SECONDS
                )
            except grpc.aio.AioRpcError as error:
                raise RequestFailedError(error.code().name, str(error.details())) from error
            if response.test_run is None:
                raise RequestFailedError("no run in the answer")
            return response.test_run.id

        async def report(run_id: str, headers: Headers) -> int:
            stream_target = v1.ReportTarget(run_id=run_id, report_id=parsed.report_id)
            try:
                response = await clients.runs.report_results(
                    _messages(stream_target, parsed.cases), timeout=DEADLINE_SECONDS, metadata=tuple(headers.items())
                )
            except grpc.aio.AioRpcError as error:
                raise RequestFailedError(error.code().name, str(error.details())) from error
            return response.recorded_total

        yield Reporter("gRPC", GRPC_OPERATION, new_run, report)


REPORTERS: dict[str, Callable[[RunningService, ReportedFile], AbstractAsyncContextManager[Reporter]]] = {
    "rest": _rest_reporter,
    "grpc": _grpc_reporter,
}


async def _recorded(reporter: Reporter, run_name: str, results: int, headers: Headers) -> float:
    """One report into a fresh run: its wall time. Every result must be recorded as a new record."""
    run_id = await reporter.new_run(run_name)
    started = time.perf_counter()
    recorded = await reporter.report(run_id, headers)
    seconds = time.perf_counter() - started
    if recorded != results:
        raise RequestFailedError("results lost", f"{reporter.protocol}: {recorded} of {results} recorded")
    return seconds


async def prepare_reports(database_url: str, seeded: SeededData, profile: Profile) -> ReportedFile:
    """The keyed suite (COPY) and the JUnit file that reports all of its tests."""
    suite = await seed_keyed_suite(database_url, profile.reported_results)
    return ReportedFile(seeded.api_token, suite, junit_file(suite))


async def count_report_statements(
    services: dict[str, RunningService], reported: ReportedFile, collector: OtlpCollector
) -> dict[str, tuple[str, ...]]:
    """Per protocol, the statements of one report, from its trace (the services export their spans)."""
    statements: dict[str, tuple[str, ...]] = {}
    for key in REPORT_SERVICES:
        async with REPORTERS[key](services[key], reported) as reporter:
            trace_id, traceparent = new_traceparent()
            await _recorded(reporter, "counted", len(reported.suite.tests), {"traceparent": traceparent})
            statements[key] = await traced_statements(collector, trace_id)
    return statements


async def time_reports(
    services: dict[str, RunningService],
    reported: ReportedFile,
    profile: Profile,
    statements: dict[str, tuple[str, ...]],
) -> list[ResultFigures]:
    """Per protocol, a warm-up round and the timed rounds (the services export nothing)."""
    results = len(reported.suite.tests)
    figures: list[ResultFigures] = []
    for key in REPORT_SERVICES:
        async with REPORTERS[key](services[key], reported) as reporter:
            await _recorded(reporter, "warm-up", results, {})
            seconds = [await _recorded(reporter, f"round {n + 1}", results, {}) for n in range(profile.report_rounds)]
        figures.append(
            ResultFigures.of(
                reporter.protocol, reporter.operation, results, seconds, results * len(seconds), statements[key]
            )
        )
    return figures
