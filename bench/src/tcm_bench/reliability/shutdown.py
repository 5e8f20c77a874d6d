"""SIGTERM to one service in the middle of a load, as ECS stops a task during a deployment.

What must happen (docs/reliability.md): readiness fails first, so the load balancer (played here by
the load itself) stops sending new requests; every request already sent is answered normally; open
streams end with a clean close (WebSocket close code, gRPC status), not a broken connection; the
process exits by itself, with code 0, within the drain and grace periods; afterwards nothing accepts
connections on its port.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from uuid import UUID

import asyncpg
import grpc.aio
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from tcm_bench.http_clients import GraphqlSession, http_client
from tcm_bench.reliability.mixed_load import Budget, LoadResult, run_mixed_load
from tcm_bench.reliability.protocols import protocol_clients
from tcm_bench.seeding import SeededData
from tcm_bench.services import RunningService, is_ready, running_services
from tcm_common.auth.testing import TEST_ORIGIN
from tcm_contracts.client import NO_RETRIES, Clients
from tcm_contracts.generated.testsuite import v1

# What a stop may take at most: the services' drain (3 s) and grace (20 s) periods.
STOP_BUDGET_SECONDS = 23.0
POLL_SECONDS = 0.05
SUBSCRIBE = "subscription Watch($id: ID!) { testSuiteChanged(id: $id) { kind } }"


@dataclass(slots=True)
class ShutdownFigures:
    service: str
    clients: int
    load: LoadResult
    writes_before_stop: int = 0
    readiness_failed_after_seconds: float | None = None
    exit_after_seconds: float | None = None
    exit_code: int | None = None
    port_refused_after_exit: bool = False
    stream_end: str = "no stream"
    notes: list[str] = field(default_factory=list)

    @property
    def failed_requests(self) -> int:
        return self.load.total_failures


@asynccontextmanager
async def _open_stream(
    service: RunningService, seeded: SeededData, suite_id: UUID
) -> AsyncIterator[Callable[[], Awaitable[str]]]:
    """An open stream on the service (GraphQL subscription, gRPC watch); yields how to await its end."""
    opened: AbstractAsyncContextManager[Callable[[], Awaitable[str]]]
    if service.name == "graphql":
        opened = _graphql_stream(service, seeded, suite_id)
    elif service.name == "grpc":
        opened = _grpc_stream(service, seeded, suite_id)
    else:
        opened = _no_stream()
    async with opened as stream_end:
        yield stream_end


@asynccontextmanager
async def _graphql_stream(
    service: RunningService, seeded: SeededData, suite_id: UUID
) -> AsyncIterator[Callable[[], Awaitable[str]]]:
    async with http_client(service.base_url, 1) as client:
        session = GraphqlSession(client)
        await session.login(seeded.admin_username, seeded.admin_password)
        socket_ = await connect(
            service.base_url.replace("http", "ws", 1) + "/graphql",
            subprotocols=[Subprotocol("graphql-transport-ws")],
            additional_headers={"origin": TEST_ORIGIN, "cookie": session.cookie_header()},
        )
        await socket_.send(json.dumps({"type": "connection_init"}))
        await socket_.recv()
        payload = {"query": SUBSCRIBE, "variables": {"id": str(suite_id)}}
        await socket_.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))

        async def websocket_end() -> str:
            try:
                while True:
                    await socket_.recv()
            except ConnectionClosed as closed:
                if closed.rcvd is None:
                    return "WebSocket dropped without a close frame"
                return f"WebSocket close {closed.rcvd.code} {closed.rcvd.reason!r}".strip()

        try:
            yield websocket_end
        finally:
            await socket_.close()


@asynccontextmanager
async def _grpc_stream(
    service: RunningService, seeded: SeededData, suite_id: UUID
) -> AsyncIterator[Callable[[], Awaitable[str]]]:
    async with grpc.aio.insecure_channel(service.target) as channel:
        clients = Clients.over(channel, token=seeded.api_token, retry=NO_RETRIES)
        stream = clients.suites.watch_test_suite(v1.WatchTestSuiteRequest(id=str(suite_id)), timeout=120)
        first = asyncio.ensure_future(anext(stream, None))

        async def grpc_end() -> str:
            try:
                await first
                async for _ in stream:
                    pass
            except grpc.aio.AioRpcError as error:
                return f"gRPC status {error.code().name}"
            return "gRPC stream completed"

        try:
            yield grpc_end
        finally:
            first.cancel()
            await stream.aclose()


@asynccontextmanager
async def _no_stream() -> AsyncIterator[Callable[[], Awaitable[str]]]:
    async def no_stream() -> str:
        return "no stream (REST has none)"

    yield no_stream


def _port_refuses(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        try:
            probe.connect(("127.0.0.1", port))
        except OSError:
            return True
    return False


async def shutdown_under_load(
    database_url: str, seeded: SeededData, service_name: str, case_ids: list[UUID], writes_before_stop: int
) -> ShutdownFigures:
    """Starts the service alone, loads it with one virtual client per case, stops it with SIGTERM once
    `writes_before_stop` writes reached the database, and reports what happened."""
    async with running_services(database_url, (service_name,)) as services:
        service = services[service_name]
        assert service.process is not None
        readiness_failed = asyncio.Event()
        async with protocol_clients(services, seeded, len(case_ids)) as clients, _open_stream(
            service, seeded, seeded.suite_ids[0]
        ) as stream_end:
            baseline = await _versions(database_url, case_ids)
            load = asyncio.create_task(
                run_mixed_load(list(clients.values()), case_ids, Budget(), stop=readiness_failed.is_set)
            )
            figures = ShutdownFigures(service=service_name, clients=len(case_ids), load=LoadResult(len(case_ids)))
            # The load's own counts are known at its end: its progress is read from the database.
            figures.writes_before_stop = await _wait_for_writes(database_url, case_ids, writes_before_stop, baseline)
            stopped_at = time.monotonic()
            service.process.send_signal(signal.SIGTERM)
            while await is_ready(service):
                await asyncio.sleep(POLL_SECONDS)
            figures.readiness_failed_after_seconds = time.monotonic() - stopped_at
            readiness_failed.set()
            figures.load = await load
            try:
                figures.exit_code = await asyncio.wait_for(service.process.wait(), STOP_BUDGET_SECONDS + 10)
            except TimeoutError:
                figures.notes.append("the process did not exit in time")
            figures.exit_after_seconds = time.monotonic() - stopped_at
            figures.port_refused_after_exit = _port_refuses(service.port)
            try:
                figures.stream_end = await asyncio.wait_for(stream_end(), 5)
            except TimeoutError:
                figures.stream_end = "the stream did not end"
    return figures


async def _versions(database_url: str, case_ids: list[UUID]) -> int:
    """The sum of the cases' versions: it grows by one with every write that reached the database."""
    connection = await asyncpg.connect(database_url)
    try:
        total: int = await connection.fetchval(
            "SELECT coalesce(sum(version), 0) FROM test_cases WHERE id = ANY($1::uuid[])", case_ids
        )
        return total
    finally:
        await connection.close()


async def _wait_for_writes(database_url: str, case_ids: list[UUID], writes: int, baseline: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = await _versions(database_url, case_ids) - baseline
        if done >= writes:
            return done
        await asyncio.sleep(POLL_SECONDS)
    raise TimeoutError(f"fewer than {writes} writes reached the database within 120 s")
