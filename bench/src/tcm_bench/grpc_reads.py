"""gRPC reads through the typed client of tcm_contracts, with an API token as the bearer."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import grpc.aio

from tcm_bench.figures import RequestFailedError
from tcm_bench.operations import Headers, ReadOperation
from tcm_bench.profile import Profile
from tcm_bench.seeding import SeededData
from tcm_bench.services import RunningService
from tcm_contracts.client import NO_RETRIES, Clients
from tcm_contracts.generated.testsuite import v1

DEADLINE_SECONDS = 60.0
PAGE_SIZE = 50
LIST = f"ListTestSuites(page_size={PAGE_SIZE})"
TREE = "GetTestSuite(include_cases=true)"


@asynccontextmanager
async def grpc_reads(
    service: RunningService, seeded: SeededData, profile: Profile, _concurrency: int
) -> AsyncIterator[list[ReadOperation]]:
    """One channel for every concurrent caller: gRPC multiplexes calls over one HTTP/2 connection."""
    shape = profile.data
    suite_ids = itertools.cycle(seeded.suite_ids)
    # Retries off: a failed call is an error to count, not one to hide.
    async with grpc.aio.insecure_channel(service.target) as channel:
        clients = Clients.over(channel, token=seeded.api_token, retry=NO_RETRIES)

        async def page(metadata: Headers) -> None:
            try:
                response = await clients.suites.list_test_suites(
                    v1.ListTestSuitesRequest(page_size=PAGE_SIZE),
                    timeout=DEADLINE_SECONDS,
                    metadata=tuple(metadata.items()),
                )
            except grpc.aio.AioRpcError as error:
                raise RequestFailedError(error.code().name, str(error.details())) from error
            if len(response.test_suites) != min(PAGE_SIZE, shape.suites):
                raise RequestFailedError("short page", str(len(response.test_suites)))

        async def tree(metadata: Headers) -> None:
            request = v1.GetTestSuiteRequest(id=str(next(suite_ids)), include_cases=True)
            try:
                response = await clients.suites.get_test_suite(
                    request, timeout=DEADLINE_SECONDS, metadata=tuple(metadata.items())
                )
            except grpc.aio.AioRpcError as error:
                raise RequestFailedError(error.code().name, str(error.details())) from error
            cases = sum(len(group.test_cases) for group in response.groups)
            if cases != shape.groups_per_suite * shape.cases_per_group:
                raise RequestFailedError("incomplete tree", str(cases))

        yield [ReadOperation(LIST, page), ReadOperation(TREE, tree)]
