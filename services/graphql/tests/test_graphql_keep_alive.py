"""The server pings subscription sockets and closes those whose client stopped answering."""

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from graphql_harness import Browser, browser, running_service
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from tcm_common.auth.testing import TEST_ORIGIN
from tcm_common.domain.user import User
from tcm_common.settings import Settings
from tcm_graphql.websocket.keep_alive import KeepAlive
from tcm_graphql.websocket.protocol import CloseCode

KEEP_ALIVE = KeepAlive(ping_every_seconds=0.2, pong_within_seconds=0.5)
# Generous: a loaded CI machine may be slow, and the test only waits as long as it must.
DEADLINE_SECONDS = 10.0


@pytest.fixture(scope="module")
async def pinging_service(settings: Settings) -> AsyncIterator[str]:
    async with running_service(settings, keep_alive=KEEP_ALIVE) as base_url:
        yield base_url


@pytest.fixture
async def signed_in(pinging_service: str, tester: User) -> AsyncIterator[Browser]:
    async with browser(pinging_service) as client:
        await client.login(tester.username)
        yield client


async def _acknowledged(client: Browser) -> ClientConnection:
    socket = await connect(
        client.base_url.replace("http", "ws", 1) + "/graphql",
        subprotocols=[Subprotocol("graphql-transport-ws")],
        additional_headers={"origin": TEST_ORIGIN, **client.cookie_header()},
    )
    await socket.send(json.dumps({"type": "connection_init"}))
    assert json.loads(await asyncio.wait_for(socket.recv(), DEADLINE_SECONDS)) == {"type": "connection_ack"}
    return socket


async def _next(socket: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), DEADLINE_SECONDS))
    return message


async def _until_closed(socket: ClientConnection) -> None:
    while True:
        await _next(socket)


async def test_a_client_that_answers_the_pings_stays_connected(signed_in: Browser) -> None:
    socket = await _acknowledged(signed_in)
    try:
        for _ in range(4):  # more pings than one pong timeout lasts
            assert await _next(socket) == {"type": "ping"}
            await socket.send(json.dumps({"type": "pong"}))
        await socket.send(json.dumps({"type": "ping"}))
        messages = [await _next(socket), await _next(socket)]
        assert {"type": "pong"} in messages
    finally:
        await socket.close()


async def test_a_client_that_stops_answering_is_closed(signed_in: Browser) -> None:
    socket = await _acknowledged(signed_in)
    assert await _next(socket) == {"type": "ping"}
    await socket.send(json.dumps({"type": "pong"}))
    assert await _next(socket) == {"type": "ping"}
    # No pong this time: the server gives up on the connection.
    with pytest.raises(ConnectionClosed) as closed:
        await _until_closed(socket)
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (CloseCode.PONG_TIMEOUT, "Pong timeout")
