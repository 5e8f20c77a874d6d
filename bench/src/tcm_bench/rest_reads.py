"""REST reads with an API token: a page of suites, and one suite with its groups and their cases."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tcm_bench.figures import RequestFailedError
from tcm_bench.http_clients import RestCaller, http_client
from tcm_bench.operations import Headers, ReadOperation
from tcm_bench.profile import Profile
from tcm_bench.seeding import SeededData
from tcm_bench.services import RunningService

PAGE_SIZE = 50
LIST = f"GET /api/v1/test-suites?limit={PAGE_SIZE}"
TREE = "GET /api/v1/test-suites/{id}?include=groups.cases"


@asynccontextmanager
async def rest_reads(
    service: RunningService, seeded: SeededData, profile: Profile, concurrency: int
) -> AsyncIterator[list[ReadOperation]]:
    shape = profile.data
    suite_ids = itertools.cycle(seeded.suite_ids)  # every suite has the same shape
    async with http_client(service.base_url, concurrency) as client:
        caller = RestCaller(client, seeded.api_token)

        async def page(headers: Headers) -> None:
            body = (await caller.get("/api/v1/test-suites", {"limit": PAGE_SIZE}, headers)).json()
            if len(body["items"]) != min(PAGE_SIZE, shape.suites):
                raise RequestFailedError("short page", str(len(body["items"])))

        async def tree(headers: Headers) -> None:
            path = f"/api/v1/test-suites/{next(suite_ids)}"
            body = (await caller.get(path, {"include": "groups.cases"}, headers)).json()
            cases = sum(len(group["cases"]) for group in body["groups"])
            if cases != shape.groups_per_suite * shape.cases_per_group:
                raise RequestFailedError("incomplete tree", str(cases))

        yield [ReadOperation(LIST, page), ReadOperation(TREE, tree)]
