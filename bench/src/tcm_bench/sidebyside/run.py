"""One side-by-side run on a throwaway database: seed, generate the standard protobuf classes, count the
database round trips per request (every contender behind the counting proxy), then start the HTTP
contenders, then the gRPC ones, on the database itself, compare their answers and load them; with
`big_data`, then start ours again and grow
the database to 10x and read again (`big_data.py`). Ours export their sampled spans to a stand-in OTLP
collector in this process, as production exports them to the collector sidecar."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import grpc.aio
import httpx

from tcm_bench.machine import describe_machine, load_average
from tcm_bench.peers.protos import SuiteProtos, find_proto_root, generate, suite_protos
from tcm_bench.seeding import SeededData, seed
from tcm_bench.sidebyside.answers import (
    AnswerCheck,
    Digest,
    GrpcTreeDigests,
    compare,
    rest_body,
    rest_page_digest,
    rest_tree_digest,
    without_transitions,
)
from tcm_bench.sidebyside.big_data import measure_big_data
from tcm_bench.sidebyside.contenders import (
    ALL_CONTENDERS,
    OURS_GRAPHQL,
    OURS_REST,
    REQUESTS,
    REST_PAGE,
    REST_TREE,
    Contender,
    Request,
    RequestKind,
    Role,
)
from tcm_bench.sidebyside.figures import LoadFigures, SideBySideReport
from tcm_bench.sidebyside.graphql_tree import GRAPHQL_PATH, graphql_data, tree_bodies, tree_query
from tcm_bench.sidebyside.grpc_caller import RawSuiteCaller, suite_requests
from tcm_bench.sidebyside.http_load import WRK_INSTALL_HINT, HttpLoad, HttpRequest, find_wrk, gets
from tcm_bench.sidebyside.measured import PassFigures
from tcm_bench.sidebyside.processes import Endpoint, running_contenders, stop_all_at_once
from tcm_bench.sidebyside.profile import PAGE_SIZE, SideBySideProfile
from tcm_bench.sidebyside.round_trips import CountingProxy, RoundTrips, counting_proxy, round_trips_per_request
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.testing.otlp_collector import OtlpCollector, otlp_collector
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database

ROUND_TRIP_WARMUP = 3
HTTP_REQUESTS = [request for request in REQUESTS if not request.contender(Role.OURS).grpc]
GRPC_REQUESTS = [request for request in REQUESTS if request.contender(Role.OURS).grpc]
# Ours with tracing off run the same statements as ours: not behind the counting proxy.
COUNTED_CONTENDERS = [contender for contender in ALL_CONTENDERS if contender.role is not Role.TRACING_OFF]
BIG_DATA_CONTENDERS = (OURS_REST, OURS_GRAPHQL)
STARTED = time.monotonic()


def progress(message: str) -> None:
    print(f"... [{time.monotonic() - STARTED:5.0f} s] {message}", file=sys.stderr, flush=True)


def rest_paths(request: Request, seeded: SeededData) -> list[str]:
    if request.kind is RequestKind.REST_PAGE:
        return [f"/api/v1/test-suites?limit={PAGE_SIZE}"]
    return [f"/api/v1/test-suites/{suite_id}?include=groups.cases" for suite_id in seeded.suite_ids]


class Callers:
    """One request of each kind against an endpoint, for counting and comparing (not for loading)."""

    def __init__(self, seeded: SeededData, protos: SuiteProtos, http: httpx.AsyncClient) -> None:
        self._seeded = seeded
        self._http = http
        self._graphql_bodies: list[bytes] = []
        self._grpc_requests = suite_requests(
            protos.service.GetTestSuiteRequest, [str(suite_id) for suite_id in seeded.suite_ids]
        )
        self.grpc_digests = GrpcTreeDigests(
            protos.service.GetTestSuiteResponse,
            protos.case.TestCaseStatus,
            protos.case.TestCasePriority,
            protos.suite.TestSuiteStatus,
        )

    async def ask_graphql_as_rest(self, ours_rest: Endpoint) -> None:
        """The GraphQL tree asks for every field of our REST tree answer (the first suite's)."""
        body = await rest_body(self._http, ours_rest.base_url + rest_paths(REST_TREE, self._seeded)[0], self._token)
        self._graphql_bodies = tree_bodies(tree_query(body), self._seeded.suite_ids)

    @property
    def _token(self) -> str:
        return self._seeded.api_token

    def http_requests(self, request: Request) -> list[HttpRequest]:
        """What the HTTP load sends, cycling through the suites (the page: one request)."""
        if request.kind is RequestKind.GRAPHQL_TREE:
            return [HttpRequest(GRAPHQL_PATH, body) for body in self._graphql_bodies]
        return gets(rest_paths(request, self._seeded))

    async def _graphql_tree(self, endpoint: Endpoint, suite_number: int) -> dict[str, Any]:
        url = endpoint.base_url + GRAPHQL_PATH
        data = await graphql_data(self._http, url, self._graphql_bodies[suite_number], self._token)
        tree: dict[str, Any] = data["testSuite"]
        return tree

    async def digest(self, request: Request, endpoint: Endpoint, suite_number: int) -> Digest:
        if request.kind is RequestKind.GRAPHQL_TREE:
            return rest_tree_digest(await self._graphql_tree(endpoint, suite_number))
        if request.kind is RequestKind.GRPC_TREE:
            async with grpc.aio.insecure_channel(endpoint.target) as channel:
                reply = await RawSuiteCaller(channel, self._seeded.api_token).get(self._grpc_requests[suite_number])
            return self.grpc_digests.digest(reply)
        path = rest_paths(request, self._seeded)[suite_number if request.kind is RequestKind.REST_TREE else 0]
        body = await rest_body(self._http, endpoint.base_url + path, self._seeded.api_token)
        return rest_tree_digest(body) if request.kind is RequestKind.REST_TREE else rest_page_digest(body)

    def one_call(
        self, request: Request, endpoint: Endpoint, channel: grpc.aio.Channel
    ) -> Callable[[], Awaitable[None]]:
        """The first suite's request (for REST trees and gRPC) or the page, over `channel` for gRPC."""
        if request.kind is RequestKind.GRPC_TREE:
            caller = RawSuiteCaller(channel, self._seeded.api_token)

            async def grpc_call() -> None:
                await caller.get(self._grpc_requests[0])

            return grpc_call
        if request.kind is RequestKind.GRAPHQL_TREE:

            async def graphql_call() -> None:
                await self._graphql_tree(endpoint, 0)

            return graphql_call
        url = endpoint.base_url + rest_paths(request, self._seeded)[0]

        async def rest_call() -> None:
            await rest_body(self._http, url, self._seeded.api_token)

        return rest_call


async def count_round_trips(
    proxy: CountingProxy, endpoints: dict[str, Endpoint], callers: Callers, profile: SideBySideProfile
) -> dict[tuple[str, str], RoundTrips]:
    """Every contender behind one counting proxy; one request at a time, so each count is that request's."""
    counts: dict[tuple[str, str], RoundTrips] = {}
    for request in REQUESTS:
        for contender in request.contenders:
            endpoint = endpoints.get(contender.key)
            if endpoint is None:  # ours with tracing off: the same statements as ours
                continue
            async with grpc.aio.insecure_channel(endpoint.target) as channel:
                call = callers.one_call(request, endpoint, channel)
                counted = await round_trips_per_request(proxy, call, ROUND_TRIP_WARMUP, profile.counted_requests)
            counts[(request.kind, contender.key)] = counted
            progress(f"round trips of {request.label(profile)}, {contender.label}: {counted.text()}")
    return counts


async def reference_answers(
    ours_rest: Endpoint, callers: Callers, profile: SideBySideProfile
) -> dict[RequestKind, list[Digest]]:
    """Our REST answers, what every contender's are compared with: the trees for the REST, GraphQL and
    gRPC trees (gRPC's without next statuses), the page for the page."""
    trees = [await callers.digest(REST_TREE, ours_rest, number) for number in range(profile.compared_suites)]
    page = [await callers.digest(REST_PAGE, ours_rest, 0)]
    return {
        RequestKind.REST_TREE: trees,
        RequestKind.GRAPHQL_TREE: trees,
        RequestKind.REST_PAGE: page,
        RequestKind.GRPC_TREE: [without_transitions(digest) for digest in trees],
    }


async def compare_answers(
    endpoints: dict[str, Endpoint],
    callers: Callers,
    requests: Sequence[Request],
    references: dict[RequestKind, list[Digest]],
) -> list[AnswerCheck]:
    """Every contender's answers to `requests` against our REST answers (`reference_answers`)."""
    checks: list[AnswerCheck] = []
    for request in requests:
        reference = references[request.kind]
        for contender in request.contenders:
            answers = [await callers.digest(request, endpoints[contender.key], n) for n in range(len(reference))]
            checks.append(compare(request, contender.key, reference, answers))
    return checks


async def _grpc_passes(
    endpoint: Endpoint, seeded: SeededData, protos: SuiteProtos, profile: SideBySideProfile, concurrency: int
) -> list[PassFigures]:
    job = {
        "target": endpoint.target,
        "token": seeded.api_token,
        "requests": [
            request.hex()
            for request in suite_requests(protos.service.GetTestSuiteRequest, [str(i) for i in seeded.suite_ids])
        ],
        "concurrency": concurrency,
        "warmup_requests": profile.warmup_requests,
        "passes": profile.passes,
        "pass_seconds": profile.pass_seconds,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tcm_bench.sidebyside.grpc_load",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    output, errors = await process.communicate(json.dumps(job).encode())
    if process.returncode != 0:
        raise RuntimeError(f"the gRPC load client failed ({process.returncode}):\n{errors.decode()[-2000:]}")
    return [PassFigures(**json.loads(line)) for line in output.decode().splitlines() if line.strip()]


async def load_all(
    endpoints: dict[str, Endpoint],
    seeded: SeededData,
    protos: SuiteProtos,
    profile: SideBySideProfile,
    http: HttpLoad,
    callers: Callers,
    requests: Sequence[Request],
) -> list[LoadFigures]:
    loads: list[LoadFigures] = []
    for request in requests:
        for concurrency in profile.concurrencies:
            for contender in request.contenders:
                endpoint = endpoints[contender.key]
                if contender.grpc:
                    passes = await _grpc_passes(endpoint, seeded, protos, profile, concurrency)
                else:
                    passes = await http.measure(
                        endpoint.base_url, callers.http_requests(request), concurrency, profile.warmup_requests,
                        profile.passes, profile.pass_seconds,
                    )  # fmt: skip
                loads.append(LoadFigures(request, contender.key, concurrency, passes))
                rates = ", ".join(f"{figures.per_second:.0f}" for figures in passes)
                progress(f"{request.label(profile)}, c={concurrency}, {contender.label}: {rates} req/s")
    return loads


@asynccontextmanager
async def contenders_running(
    database_url: str, contenders: Sequence[Contender], proto_dir: Path, otlp_endpoint: str
) -> AsyncIterator[dict[str, Endpoint]]:
    async with running_contenders(database_url, contenders, proto_dir, otlp_endpoint) as endpoints:
        try:
            yield endpoints
        finally:
            stop_all_at_once(endpoints.values())


def _contenders(requests: Sequence[Request]) -> list[Contender]:
    return list(dict.fromkeys(contender for request in requests for contender in request.contenders))


def exported_spans(collector: OtlpCollector) -> dict[str, int]:
    """Spans the collector stand-in received, by service."""
    counts: dict[str, int] = {}
    for span in collector.spans():
        counts[span.service] = counts.get(span.service, 0) + 1
    return dict(sorted(counts.items()))


async def run_side_by_side(
    profile: SideBySideProfile, *, install_wrk: bool, big_data: bool = False
) -> SideBySideReport:
    started = time.perf_counter()
    wrk = find_wrk(install=install_wrk)
    if wrk is None:
        progress(f"wrk not found ({WRK_INSTALL_HINT}): HTTP load falls back to httpx in this process")
    with tempfile.TemporaryDirectory(prefix="tcm-sidebyside-protos-") as folder, otlp_collector() as collector:
        proto_dir = Path(folder)
        progress("generate the standard protobuf classes")
        generate(find_proto_root(), proto_dir)
        protos = suite_protos(proto_dir)
        async with throwaway_database(await admin_url()) as database_url:
            progress("migrate and seed")
            await apply_migrations(database_url)
            seeded = await seed(database_url, profile.data)
            http = HttpLoad(wrk, seeded.api_token)
            report = SideBySideReport(profile, seeded.counts, await describe_machine(database_url), http.tool)
            otlp = collector.endpoint
            async with httpx.AsyncClient(timeout=60) as client:
                callers = Callers(seeded, protos, client)
                # Phases, each with only its contenders running: every idle process keeps its pool's
                # connections, and the PostgreSQL server (shared, max_connections) has room for one phase.
                progress("start every contender behind the counting proxy (not ours with tracing off)")
                async with (
                    counting_proxy(database_url) as (proxy, proxied_url),
                    contenders_running(proxied_url, COUNTED_CONTENDERS, proto_dir, otlp) as counted,
                ):
                    await callers.ask_graphql_as_rest(counted[OURS_REST.key])
                    report.round_trips = await count_round_trips(proxy, counted, callers, profile)
                references: dict[RequestKind, list[Digest]] = {}
                for requests in (HTTP_REQUESTS, GRPC_REQUESTS):
                    progress(f"start {', '.join(contender.key for contender in _contenders(requests))}")
                    async with contenders_running(database_url, _contenders(requests), proto_dir, otlp) as endpoints:
                        if not references:
                            references = await reference_answers(endpoints[OURS_REST.key], callers, profile)
                        report.checks += await compare_answers(endpoints, callers, requests, references)
                        report.loads += await load_all(endpoints, seeded, protos, profile, http, callers, requests)
                if big_data:
                    progress("big data: start ours (REST, GraphQL)")
                    async with contenders_running(database_url, BIG_DATA_CONTENDERS, proto_dir, otlp) as endpoints:
                        report.big_data = await measure_big_data(
                            endpoints[OURS_REST.key], endpoints[OURS_GRAPHQL.key], seeded, database_url, profile,
                            http, client, progress,
                        )  # fmt: skip
            report.exported_spans = exported_spans(collector)
    report.machine = dataclasses.replace(report.machine, load_average_after=load_average())
    report.seconds = time.perf_counter() - started
    return report
