"""What a new user does with the running stack: each check raises AssertionError with what went wrong."""

from __future__ import annotations

import asyncio
import uuid

import grpc
import httpx
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tcm_contracts.client import Clients
from tcm_contracts.generated.testsuite import v1
from tcm_stackcheck.running_stack import Stack
from tcm_stackcheck.session import GraphQLSession


def create_suite_through_graphql(session: GraphQLSession) -> tuple[str, str]:
    name = f"stackcheck {uuid.uuid4().hex[:8]}"
    created = session.execute(
        "mutation($n: String!) { createTestSuite(input: "
        '{name: $n, estimatedStartDate: "2026-12-01", estimatedEndDate: "2026-12-31"}) { id } }',
        n=name,
    )
    return created["createTestSuite"]["id"], name


def list_suites_through_rest_with_the_same_cookie(session: GraphQLSession, name: str) -> None:
    response = session.http.get("/api/v1/test-suites", params={"search": name})
    assert response.status_code == 200, response.text
    assert name in response.text, f"{name} missing from {response.text[:500]}"


def grpc_health_and_list_with_an_api_token(session: GraphQLSession, stack: Stack, name: str) -> None:
    created = session.execute(
        'mutation { createApiToken(name: "stackcheck", expiresInDays: 1) { secret } }'
    )
    secret: str = created["createApiToken"]["secret"]

    async def call() -> None:
        async with grpc.aio.insecure_channel(stack.grpc_target) as channel:
            health = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
            assert health.status == health_pb2.HealthCheckResponse.SERVING
            clients = Clients.over(channel, token=secret)
            listed = await clients.suites.list_test_suites(v1.ListTestSuitesRequest(search=name), timeout=10)
            assert [suite.name for suite in listed.test_suites] == [name]

    asyncio.run(call())


def spa_root_and_deep_link(stack: Stack) -> None:
    for path in ("/", "/suites/00000000-0000-0000-0000-000000000000"):
        response = httpx.get(stack.edge + path, timeout=10)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        assert response.headers["content-type"].startswith("text/html"), path


def suite_still_there(session: GraphQLSession, suite_id: str, name: str) -> None:
    found = session.execute("query($id: ID!) { testSuite(id: $id) { name } }", id=suite_id)
    assert found["testSuite"] == {"name": name}, found
