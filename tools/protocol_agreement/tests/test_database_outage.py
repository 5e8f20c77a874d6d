"""Database unavailable is an outcome of its own on every protocol (docs/errors.md), and the services
recover as soon as the database does.

The three services run as processes on a PostgreSQL of this test's own (never the shared server),
under a steady stream of requests on each protocol. The test stops that PostgreSQL, checks each
protocol's answer (REST 503 problem+json with Retry-After, GraphQL UNAVAILABLE with HTTP 503, gRPC
UNAVAILABLE), starts it again, and requires normal answers within two seconds, no leaked connection,
and one warning per outage in each service's log instead of a traceback per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

import asyncpg
import grpc
import grpc.aio
import httpx
import pytest
from agreement_processes import ServiceProcess, run_service

from tcm_common.auth.testing import create_user, fast_password_hasher, issue_api_token
from tcm_common.domain.principal import Role
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.testing.stoppable_postgres import StoppablePostgres, stoppable_postgres
from tcm_contracts.generated.testsuite import v1

RECOVERY_SECONDS = 2.0
OUTAGE_DEADLINE_SECONDS = 20.0
POOL_MAX_SIZE = 4
LIST_SUITES = "/testsuite.v1.TestSuiteService/ListTestSuites"
GRAPHQL_QUERY = {"query": "query Outage { testSuites(first: 1) { edges { node { id } } } }"}

OK, UNAVAILABLE = "ok", "unavailable"
Probe = Callable[[], Awaitable[str]]


@dataclass
class Traffic:
    """Outcomes of the background requests, by protocol."""

    outcomes: dict[str, list[str]] = field(default_factory=dict)

    def unexpected(self) -> dict[str, set[str]]:
        return {
            protocol: {outcome for outcome in seen if outcome not in (OK, UNAVAILABLE)}
            for protocol, seen in self.outcomes.items()
            if any(outcome not in (OK, UNAVAILABLE) for outcome in seen)
        }


@dataclass(frozen=True)
class Stack:
    server: StoppablePostgres
    probes: dict[str, Probe]
    processes: dict[str, ServiceProcess]


def _rest_probe(client: httpx.AsyncClient, token: str) -> Probe:
    async def probe() -> str:
        response = await client.get("/api/v1/test-suites", headers={"Authorization": f"Bearer {token}"})
        if response.status_code == 200:
            return OK
        body = response.json()
        if (
            response.status_code == 503
            and response.headers["content-type"].startswith("application/problem+json")
            and int(response.headers["retry-after"]) > 0
            and body["code"] == "SERVICE_UNAVAILABLE"
            and body["type"] == "urn:tcm:problem:service-unavailable"
        ):
            return UNAVAILABLE
        return f"REST {response.status_code} {body}"

    return probe


def _graphql_probe(client: httpx.AsyncClient, token: str) -> Probe:
    async def probe() -> str:
        response = await client.post("/graphql", json=GRAPHQL_QUERY, headers={"Authorization": f"Bearer {token}"})
        body = response.json()
        codes = [error["extensions"]["code"] for error in body.get("errors", ())]
        if response.status_code == 200 and not codes:
            return OK
        if response.status_code == 503 and codes == ["UNAVAILABLE"] and int(response.headers["retry-after"]) > 0:
            return UNAVAILABLE
        return f"GraphQL {response.status_code} {body}"

    return probe


def _grpc_probe(channel: grpc.aio.Channel, token: str) -> Probe:
    call: grpc.aio.UnaryUnaryMultiCallable[v1.ListTestSuitesRequest, bytes] = channel.unary_unary(
        LIST_SUITES, request_serializer=bytes, response_deserializer=None
    )

    async def probe() -> str:
        try:
            await call(v1.ListTestSuitesRequest(), metadata=(("authorization", f"Bearer {token}"),), timeout=10)
        except grpc.aio.AioRpcError as error:
            if error.code() is grpc.StatusCode.UNAVAILABLE:
                return UNAVAILABLE
            return f"gRPC {error.code().name} {error.details()}"
        return OK

    return probe


async def _until(probe: Probe, wanted: str, seconds: float) -> float:
    """Polls `probe` until it answers `wanted`; the seconds it took. Fails at the deadline."""
    started = time.monotonic()
    last = ""
    while time.monotonic() - started < seconds:
        last = await probe()
        if last == wanted:
            return time.monotonic() - started
        await asyncio.sleep(0.02)  # pacing between polls, not a wait for something to happen
    raise AssertionError(f"no {wanted!r} answer within {seconds} s; the last was {last!r}")


@contextlib.asynccontextmanager
async def _background_traffic(probes: dict[str, Probe]) -> AsyncIterator[Traffic]:
    traffic = Traffic({protocol: [] for protocol in probes})
    stop = asyncio.Event()

    async def loop(protocol: str, probe: Probe) -> None:
        while not stop.is_set():
            traffic.outcomes[protocol].append(await probe())
            await asyncio.sleep(0.01)

    tasks = [asyncio.create_task(loop(protocol, probe)) for protocol, probe in probes.items()]
    try:
        yield traffic
    finally:
        stop.set()
        await asyncio.gather(*tasks)


async def _connections(server: StoppablePostgres) -> list[str]:
    """The state of every connection the services hold (every one but this query's)."""
    connection = await asyncpg.connect(server.url)
    try:
        rows = await connection.fetch(
            "SELECT state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    finally:
        await connection.close()
    return [str(row["state"]) for row in rows]


@contextmanager
def _services(url: str) -> Iterator[dict[str, ServiceProcess]]:
    with ExitStack() as stack:
        yield {
            name: stack.enter_context(run_service(name, url, pool_max_size=POOL_MAX_SIZE))
            for name in ("rest", "graphql", "grpc")
        }


@pytest.fixture
async def stack() -> AsyncIterator[Stack]:
    with stoppable_postgres() as server:
        await apply_migrations(server.url)
        pool = await asyncpg.create_pool(server.url, min_size=1, max_size=1)
        try:
            user = await create_user(pool, fast_password_hasher(), role=Role.MANAGER)
            async with pool.acquire() as db:
                token = await issue_api_token(db, user.id, name="outage test")
        finally:
            await pool.close()
        with _services(server.url) as processes:
            async with (
                httpx.AsyncClient(base_url=processes["rest"].base_url, timeout=10) as rest,
                httpx.AsyncClient(base_url=processes["graphql"].base_url, timeout=10) as graphql,
                grpc.aio.insecure_channel(processes["grpc"].base_url) as channel,
            ):
                probes = {
                    "rest": _rest_probe(rest, token),
                    "graphql": _graphql_probe(graphql, token),
                    "grpc": _grpc_probe(channel, token),
                }
                yield Stack(server, probes, processes)


async def test_a_database_outage_is_answered_as_unavailable_and_recovered_from_within_two_seconds(
    stack: Stack,
) -> None:
    for probe in stack.probes.values():
        assert await probe() == OK

    async with _background_traffic(stack.probes) as traffic:
        await asyncio.to_thread(stack.server.stop)
        for probe in stack.probes.values():
            await _until(probe, UNAVAILABLE, OUTAGE_DEADLINE_SECONDS)

        await asyncio.to_thread(stack.server.start)
        recovered = await asyncio.gather(
            *(_until(probe, OK, RECOVERY_SECONDS) for probe in stack.probes.values())
        )
        assert max(recovered) <= RECOVERY_SECONDS

        # Normal answers again, for a while and from every connection the pools open.
        for _ in range(2 * POOL_MAX_SIZE):
            for probe in stack.probes.values():
                assert await probe() == OK

    assert traffic.unexpected() == {}
    for protocol, seen in traffic.outcomes.items():
        assert UNAVAILABLE in seen, f"{protocol} traffic saw {sorted(set(seen))}"
        assert seen[-1] == OK, f"{protocol} traffic ended with {seen[-1]}"

    # No connection leaked: none is left in a transaction, and none beyond the pools' sizes.
    states = await _connections(stack.server)
    assert len(states) <= POOL_MAX_SIZE * len(stack.processes)
    assert set(states) <= {"idle"}, states

    for name, process in stack.processes.items():
        process.wait_for_log("the database answers again")
        log = process.log_messages()
        assert sum("the database is unavailable" in line for line in log) == 1, (name, log)
        assert sum("the database answers again" in line for line in log) == 1, (name, log)
        assert not [line for line in log if "Traceback" in line or "unexpected error" in line], (name, log)
