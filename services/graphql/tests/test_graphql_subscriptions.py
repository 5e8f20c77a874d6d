"""testSuiteChanged over a real WebSocket (graphql-transport-ws), fed by LISTEN/NOTIFY."""

import asyncio
import os
import sys
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from graphql_harness import Browser, browser, open_socket, receive, send, subscribed
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

import tcm_common
from tcm_common.auth.authentication import Authentication
from tcm_common.auth.testing import TEST_ORIGIN
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.user import User
from tcm_common.testing.clock import FIXED_TODAY
from tcm_graphql.websocket import connection
from tcm_graphql.websocket.session_watch import session_end

CHANGES = """
subscription Changes($id: ID!) {
  testSuiteChanged(id: $id) { kind suiteId entityId version suite { status version groupCount } }
}
"""
SOURCE_ROOT = Path(tcm_common.__file__).resolve().parents[1]


async def _subscribed(client: Browser, suite_id: str) -> ClientConnection:
    return await subscribed(client, CHANGES, {"id": suite_id})


@pytest.fixture
async def as_manager(service: str, manager: User) -> AsyncIterator[Browser]:
    async with browser(service) as client:
        await client.login(manager.username)
        yield client


@pytest.fixture
async def as_tester(service: str, tester: User) -> AsyncIterator[Browser]:
    async with browser(service) as client:
        await client.login(tester.username)
        yield client


@pytest.fixture
async def suite_id(as_manager: Browser) -> str:
    today = FIXED_TODAY
    created = await as_manager.data(
        "mutation($i: CreateTestSuiteInput!) { createTestSuite(input: $i) { id } }",
        {"i": {"name": "Watched", "estimatedStartDate": str(today), "estimatedEndDate": str(today)}},
    )
    suite_id: str = created["createTestSuite"]["id"]
    return suite_id


async def test_a_change_made_through_another_connection_arrives_within_a_second(
    as_manager: Browser, as_tester: Browser, suite_id: str
) -> None:
    socket = await _subscribed(as_tester, suite_id)
    try:
        started = time.monotonic()
        await as_manager.data(
            "mutation($id: ID!) { changeTestSuiteStatus(id: $id, version: 1, status: IN_PROGRESS) { id } }",
            {"id": suite_id},
        )
        event = await receive(socket, within=1.0)
        assert time.monotonic() - started < 1.0
    finally:
        await socket.close()
    assert event == {
        "type": "next",
        "id": "1",
        "payload": {
            "data": {
                "testSuiteChanged": {
                    "kind": "SUITE_STATUS_CHANGED",
                    "suiteId": suite_id,
                    "entityId": suite_id,
                    "version": 2,
                    "suite": {"status": "IN_PROGRESS", "version": 2, "groupCount": 0},
                }
            }
        },
    }


CHANGE_IN_ANOTHER_PROCESS = """
import asyncio, sys
from uuid import UUID
import asyncpg
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal, Role
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.platform import Platform

async def main(url, user_id, username, suite_id):
    pool = await asyncpg.create_pool(url, min_size=1, max_size=1)
    platform = Platform(pool, ChangeFeed(lambda: asyncpg.connect(url)))
    actor = Principal(UUID(user_id), username, Role.MANAGER)
    await platform.groups.create(actor, UUID(suite_id), GroupFields("from another process"))
    await platform.close()

asyncio.run(main(*sys.argv[1:]))
"""


async def test_a_change_made_by_another_process_arrives(
    as_tester: Browser, suite_id: str, manager: User, database_url: str
) -> None:
    socket = await _subscribed(as_tester, suite_id)
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            CHANGE_IN_ANOTHER_PROCESS,
            database_url,
            str(manager.id),
            manager.username,
            suite_id,
            env={**os.environ, "PYTHONPATH": str(SOURCE_ROOT)},
        )
        assert await process.wait() == 0
        event = await receive(socket, within=1.0)
    finally:
        await socket.close()
    change = event["payload"]["data"]["testSuiteChanged"]
    assert (change["kind"], change["suite"]["groupCount"]) == ("GROUP_CREATED", 1)


@pytest.mark.usefixtures("as_manager")
async def test_the_socket_closes_when_the_session_is_revoked(
    as_tester: Browser, suite_id: str
) -> None:
    socket = await _subscribed(as_tester, suite_id)
    await as_tester.post("mutation { logout }")
    with pytest.raises(ConnectionClosed) as closed:
        await receive(socket, within=10.0)  # re-checked every 0.2 s; the deadline allows a busy CI machine
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4401, "session ended")


async def test_the_watch_ends_at_expiry_and_on_a_refused_recheck() -> None:
    async def never_rechecked() -> Authentication | None:
        raise AssertionError("the credential expires before the first re-check")

    soon = datetime.now(UTC) + timedelta(seconds=0.2)
    assert await asyncio.wait_for(session_end(soon, never_rechecked, every_seconds=10), 2) == "session expired"

    async def revoked() -> Authentication | None:
        raise Unauthenticated()

    later = datetime.now(UTC) + timedelta(minutes=15)
    assert await asyncio.wait_for(session_end(later, revoked, every_seconds=0.05), 2) == "session ended"


async def test_completing_a_subscription_stops_its_events(
    as_manager: Browser, as_tester: Browser, suite_id: str
) -> None:
    socket = await _subscribed(as_tester, suite_id)
    try:
        await send(socket, {"id": "1", "type": "complete"})
        await send(socket, {"type": "ping"})
        assert await receive(socket) == {"type": "pong"}
        await as_manager.data(
            "mutation($id: ID!) { changeTestSuiteStatus(id: $id, version: 1, status: SUSPENDED) { id } }",
            {"id": suite_id},
        )
        with pytest.raises(TimeoutError):
            await receive(socket, within=0.5)
    finally:
        await socket.close()


async def test_anonymous_sockets_are_closed_at_init(service: str) -> None:
    async with browser(service) as anonymous:
        socket = await open_socket(anonymous)
        await send(socket, {"type": "connection_init"})
        with pytest.raises(ConnectionClosed) as closed:
            await receive(socket)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4401


async def test_invalid_messages_and_a_missing_init_close_the_socket(
    as_tester: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    socket = await open_socket(as_tester)
    await socket.send("not json")
    with pytest.raises(ConnectionClosed) as invalid:
        await receive(socket)
    assert invalid.value.rcvd is not None
    assert invalid.value.rcvd.code == 4400
    monkeypatch.setattr(connection, "INIT_TIMEOUT_SECONDS", 0.1)
    silent = await open_socket(as_tester)
    with pytest.raises(ConnectionClosed) as timed_out:
        await receive(silent)
    assert timed_out.value.rcvd is not None
    assert timed_out.value.rcvd.code == 4408


async def test_handshakes_from_other_origins_or_without_the_protocol_are_refused(as_tester: Browser) -> None:
    with pytest.raises(InvalidStatus) as cross_site:
        await open_socket(as_tester, origin="https://evil.example")
    assert cross_site.value.response.status_code == 403
    with pytest.raises(InvalidStatus) as no_protocol:
        await connect(
            as_tester.base_url.replace("http", "ws", 1) + "/graphql",
            additional_headers={"origin": TEST_ORIGIN, **as_tester.cookie_header()},
        )
    assert no_protocol.value.response.status_code == 403


async def test_only_valid_subscriptions_are_served_over_the_socket(as_tester: Browser, suite_id: str) -> None:
    socket = await _subscribed(as_tester, suite_id)
    try:
        await send(socket, {"id": "2", "type": "subscribe", "payload": {"query": "{ me { id } }"}})
        query = await receive(socket)
        assert (query["type"], query["id"]) == ("error", "2")
        assert "only subscription operations" in query["payload"][0]["message"]
        await send(
            socket,
            {"id": "3", "type": "subscribe", "payload": {"query": CHANGES, "variables": {"id": "not-an-id"}}},
        )
        malformed = await receive(socket)
        assert (malformed["type"], malformed["payload"][0]["extensions"]["code"]) == (
            "error",
            "BAD_USER_INPUT",
        )
        await send(
            socket,
            {"id": "1", "type": "subscribe", "payload": {"query": CHANGES, "variables": {"id": suite_id}}},
        )
        with pytest.raises(ConnectionClosed) as closed:
            await receive(socket)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4409
    finally:
        await socket.close()


async def test_an_unknown_or_deleted_suite_is_not_found_at_once(
    as_manager: Browser, as_tester: Browser, suite_id: str
) -> None:
    await as_manager.data("mutation($id: ID!) { deleteTestSuite(id: $id, version: 1) }", {"id": suite_id})
    socket = await open_socket(as_tester)
    try:
        await send(socket, {"type": "connection_init"})
        assert await receive(socket) == {"type": "connection_ack"}
        for operation_id, watched in (("unknown", "00000000-0000-4000-8000-000000000000"), ("deleted", suite_id)):
            payload = {"query": CHANGES, "variables": {"id": watched}}
            await send(socket, {"id": operation_id, "type": "subscribe", "payload": payload})
            refused = await receive(socket)
            assert (refused["type"], refused["id"]) == ("error", operation_id)
            assert refused["payload"][0]["extensions"]["code"] == "NOT_FOUND"
    finally:
        await socket.close()


async def test_the_subscription_completes_after_the_suite_is_deleted(
    as_manager: Browser, as_tester: Browser, suite_id: str
) -> None:
    socket = await _subscribed(as_tester, suite_id)
    try:
        await as_manager.data("mutation($id: ID!) { deleteTestSuite(id: $id, version: 1) }", {"id": suite_id})
        deleted = await receive(socket, within=2.0)
        completed = await receive(socket, within=2.0)
    finally:
        await socket.close()
    change = deleted["payload"]["data"]["testSuiteChanged"]
    assert (deleted["type"], change["kind"], change["suite"]) == ("next", "SUITE_DELETED", None)
    assert completed == {"type": "complete", "id": "1"}
