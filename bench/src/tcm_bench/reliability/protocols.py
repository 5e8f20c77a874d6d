"""One virtual client per protocol: reads its case and updates its title at the version it last saw.

Each client owns one case, so nobody else changes it: every write must succeed, and the client knows
the version and title each acknowledged write left. Any other answer raises RequestFailedError.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

import grpc.aio

from tcm_bench.figures import RequestFailedError
from tcm_bench.http_clients import GraphqlSession, RestCaller, http_client
from tcm_bench.seeding import SeededData
from tcm_bench.services import RunningService
from tcm_contracts.client import NO_RETRIES, Clients
from tcm_contracts.generated.testsuite import v1

DEADLINE_SECONDS = 30.0
CASE_QUERY = "query Case($id: ID!) { testCase(id: $id) { version title } }"
UPDATE_CASE = (
    "mutation Retitle($id: ID!, $version: Int!, $title: String!) "
    "{ updateTestCase(id: $id, version: $version, input: {title: $title}) { version title } }"
)


@dataclass(frozen=True, slots=True)
class CaseSeen:
    version: int
    title: str


class ProtocolClient(Protocol):
    protocol: str

    async def read(self, case_id: UUID) -> CaseSeen: ...

    async def write(self, case_id: UUID, version: int, title: str) -> CaseSeen: ...


class RestClient:
    protocol = "REST"

    def __init__(self, caller: RestCaller) -> None:
        self._caller = caller

    async def read(self, case_id: UUID) -> CaseSeen:
        response = await self._caller.get(f"/api/v1/test-cases/{case_id}")
        return CaseSeen(int(response.headers["etag"].strip('"')), response.json()["title"])

    async def write(self, case_id: UUID, version: int, title: str) -> CaseSeen:
        response = await self._caller.patch(
            f"/api/v1/test-cases/{case_id}", {"title": title}, {"if-match": f'"{version}"'}
        )
        if response.status_code != 200:
            raise RequestFailedError(f"HTTP {response.status_code}", response.text[:200])
        return CaseSeen(int(response.headers["etag"].strip('"')), response.json()["title"])


class GraphqlClient:
    protocol = "GraphQL"

    def __init__(self, session: GraphqlSession) -> None:
        self._session = session

    async def read(self, case_id: UUID) -> CaseSeen:
        case = (await self._session.data(CASE_QUERY, {"id": str(case_id)}))["testCase"]
        return CaseSeen(case["version"], case["title"])

    async def write(self, case_id: UUID, version: int, title: str) -> CaseSeen:
        variables = {"id": str(case_id), "version": version, "title": title}
        case = (await self._session.data(UPDATE_CASE, variables))["updateTestCase"]
        return CaseSeen(case["version"], case["title"])


class GrpcClient:
    protocol = "gRPC"

    def __init__(self, clients: Clients) -> None:
        self._clients = clients

    async def read(self, case_id: UUID) -> CaseSeen:
        try:
            response = await self._clients.cases.get_test_case(
                v1.GetTestCaseRequest(id=str(case_id)), timeout=DEADLINE_SECONDS
            )
        except grpc.aio.AioRpcError as error:
            raise RequestFailedError(error.code().name, str(error.details())) from error
        return _seen(response.test_case)

    async def write(self, case_id: UUID, version: int, title: str) -> CaseSeen:
        request = v1.UpdateTestCaseRequest(id=str(case_id), version=version, title=title)
        try:
            response = await self._clients.cases.update_test_case(request, timeout=DEADLINE_SECONDS)
        except grpc.aio.AioRpcError as error:
            raise RequestFailedError(error.code().name, str(error.details())) from error
        return _seen(response.test_case)


def _seen(case: v1.TestCase | None) -> CaseSeen:
    if case is None:
        raise RequestFailedError("empty answer")
    return CaseSeen(int(case.version), case.title)


@asynccontextmanager
async def protocol_clients(
    services: dict[str, RunningService], seeded: SeededData, concurrency: int
) -> AsyncIterator[dict[str, ProtocolClient]]:
    """A client per protocol of the running services, each with connections for `concurrency` callers."""
    async with AsyncExitStack() as stack:
        clients: dict[str, ProtocolClient] = {}
        if "rest" in services:
            rest = await stack.enter_async_context(http_client(services["rest"].base_url, concurrency))
            clients["rest"] = RestClient(RestCaller(rest, seeded.api_token))
        if "graphql" in services:
            graphql = await stack.enter_async_context(http_client(services["graphql"].base_url, concurrency))
            session = GraphqlSession(graphql)
            await session.login(seeded.admin_username, seeded.admin_password)
            clients["graphql"] = GraphqlClient(session)
        if "grpc" in services:
            channel = await stack.enter_async_context(grpc.aio.insecure_channel(services["grpc"].target))
            clients["grpc"] = GrpcClient(Clients.over(channel, token=seeded.api_token, retry=NO_RETRIES))
        yield clients
