"""Big data (`--big-data`): the suite tree, the suite list and the dashboard read from our services at the
seeded size (1x) and again after the database is grown to 10x (`seeding.multiply`), with answers of the
same size: the same suites' trees, the same first page, the same dashboard fields. If latency follows
the answer and not the tables, the p50s match. Each request is loaded at concurrency 1 (latency, not
throughput), warm-up then the profile's passes, against the same service processes at both sizes."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from tcm_bench.figures import RequestFailedError
from tcm_bench.seeding import SeededData, multiply
from tcm_bench.sidebyside.answers import Digest, rest_page_digest, rest_tree_digest
from tcm_bench.sidebyside.graphql_tree import GRAPHQL_PATH, graphql_answer, graphql_body
from tcm_bench.sidebyside.http_load import HttpLoad, HttpRequest, gets
from tcm_bench.sidebyside.measured import PassFigures
from tcm_bench.sidebyside.processes import Endpoint
from tcm_bench.sidebyside.profile import PAGE_SIZE, SideBySideProfile

FACTOR = 10
CONCURRENCY = 1
DASHBOARD = "{ dashboard { suitesByStatus { status count } overallProgress caseCount delayedCaseCount } }"


def page_size(profile: SideBySideProfile) -> int:
    """The seeded suites fill the page at both sizes (the copies are older: the first page stays theirs)."""
    return min(PAGE_SIZE, profile.data.suites)


class BigRequest(enum.StrEnum):
    TREE = "REST suite tree"
    PAGE = "REST list of suites"
    DASHBOARD = "GraphQL dashboard"

    def label(self, profile: SideBySideProfile) -> str:
        cases = profile.cases_per_suite
        return {
            BigRequest.TREE: f"REST suite with groups and {cases} cases",
            BigRequest.PAGE: f"REST list of {page_size(profile)} suites with progress",
            BigRequest.DASHBOARD: "GraphQL dashboard (suites by status, progress, case and delay counts)",
        }[self]


@dataclass(frozen=True, slots=True)
class Answer:
    size_bytes: int
    # What must not change with the database's size (the page's total and the dashboard's counts may).
    digest: Digest
    # The dashboard's case count (the page's total for the list, the case count for a tree).
    count: int


@dataclass(slots=True)
class BigDataFigures:
    request: BigRequest
    passes: dict[int, list[PassFigures]] = field(default_factory=dict)  # factor -> passes
    answers: dict[int, Answer] = field(default_factory=dict)

    @property
    def same_answer(self) -> bool:
        small, big = self.answers.get(1), self.answers.get(FACTOR)
        if small is None or big is None:
            return False
        if self.request is BigRequest.DASHBOARD:  # the same fields, ten times the cases counted
            return small.digest == big.digest and big.count == FACTOR * small.count
        return small.digest == big.digest


@dataclass(slots=True)
class BigDataReport:
    figures: list[BigDataFigures]
    data: dict[int, dict[str, int]] = field(default_factory=dict)  # factor -> rows per table
    grow_seconds: float = 0.0


def _dashboard_digest(data: dict[str, Any]) -> Digest:
    dashboard = data["dashboard"]
    return (tuple(sorted(dashboard)), tuple(sorted(entry["status"] for entry in dashboard["suitesByStatus"])))


class _BigRequests:
    def __init__(
        self,
        rest: Endpoint,
        graphql: Endpoint,
        seeded: SeededData,
        profile: SideBySideProfile,
        client: httpx.AsyncClient,
    ) -> None:
        self._rest, self._graphql, self._seeded, self._client = rest, graphql, seeded, client
        # The seeded suites only: at 10x the same trees are read.
        self.tree_paths = [f"/api/v1/test-suites/{suite_id}?include=groups.cases" for suite_id in seeded.suite_ids]
        self.page_path = f"/api/v1/test-suites?limit={page_size(profile)}"
        self.dashboard_body = graphql_body(DASHBOARD)

    def endpoint(self, request: BigRequest) -> Endpoint:
        return self._graphql if request is BigRequest.DASHBOARD else self._rest

    def load(self, request: BigRequest) -> list[HttpRequest]:
        if request is BigRequest.DASHBOARD:
            return [HttpRequest(GRAPHQL_PATH, self.dashboard_body)]
        return gets(self.tree_paths if request is BigRequest.TREE else [self.page_path])

    async def answer(self, request: BigRequest) -> Answer:
        token = self._seeded.api_token
        if request is BigRequest.DASHBOARD:
            url = self._graphql.base_url + GRAPHQL_PATH
            data, size = await graphql_answer(self._client, url, self.dashboard_body, token)
            return Answer(size, _dashboard_digest(data), data["dashboard"]["caseCount"])
        path = self.tree_paths[0] if request is BigRequest.TREE else self.page_path
        response = await self._client.get(self._rest.base_url + path, headers={"authorization": f"Bearer {token}"})
        if response.status_code != 200:
            raise RequestFailedError(f"HTTP {response.status_code}", response.text[:300])
        body = response.json()
        if request is BigRequest.TREE:
            return Answer(len(response.content), rest_tree_digest(body), body["caseCount"])
        total, _more, items = rest_page_digest(body)
        return Answer(len(response.content), items, total)


async def measure_big_data(
    rest: Endpoint,
    graphql: Endpoint,
    seeded: SeededData,
    database_url: str,
    profile: SideBySideProfile,
    http: HttpLoad,
    client: httpx.AsyncClient,
    progress: Callable[[str], None],
) -> BigDataReport:
    """At 1x, then grown to 10x, the same requests against the same processes."""
    requests = _BigRequests(rest, graphql, seeded, profile, client)
    report = BigDataReport([BigDataFigures(request) for request in BigRequest], {1: dict(seeded.counts)})
    for factor in (1, FACTOR):
        if factor != 1:
            progress(f"big data: grow the database to {factor}x (set-based INSERT ... SELECT)")
            started = time.perf_counter()
            report.data[factor] = await multiply(database_url, factor)
            report.grow_seconds = time.perf_counter() - started
        for figures in report.figures:
            figures.answers[factor] = await requests.answer(figures.request)
            endpoint = requests.endpoint(figures.request)
            figures.passes[factor] = await http.measure(
                endpoint.base_url, requests.load(figures.request), CONCURRENCY, profile.warmup_requests,
                profile.passes, profile.pass_seconds,
            )  # fmt: skip
            p50s = ", ".join(f"{each.p50_ms:.1f}" for each in figures.passes[factor])
            progress(f"big data {factor}x, {figures.request.label(profile)}: p50 {p50s} ms")
    return report
