"""Test support: the GraphQL service running under uvicorn on a free port, a browser-like client, and its
WebSocket (graphql-transport-ws) for subscriptions.

The client keeps cookies the way a browser does (from Set-Cookie, dropped at Max-Age=0) and sends
them with the allowed Origin; it talks plain http to 127.0.0.1, where httpx would not send the Secure
`__Host-` cookies itself.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from http.cookies import SimpleCookie
from typing import Any

import httpx
import uvicorn
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from tcm_common.auth.login_throttle import BackoffLimit, ThrottleLimit, ThrottlePolicy
from tcm_common.auth.testing import TEST_ORIGIN, TEST_PASSWORD, auth_settings_for_tests, fast_password_hasher
from tcm_common.settings import AuthSettings, DatabaseSettings, Environment, Settings, TelemetrySettings
from tcm_common.testing.clock import service_clock
from tcm_common.testing.service_process import free_port
from tcm_common.testing.waiting import eventually
from tcm_common.web.runtime import open_runtime
from tcm_graphql.app import create_app

PROTOCOL = [Subprotocol("graphql-transport-ws")]
ACCESS_COOKIE = "__Host-tcm_access"
REFRESH_COOKIE = "__Host-tcm_refresh"
# Generous per-address limits: every test signs in from 127.0.0.1. The pair's backoff starts with a
# long delay, so that a test sees the lock whatever the time between its attempts.
TEST_THROTTLE = ThrottlePolicy(
    per_pair=BackoffLimit(
        free_failures=ThrottlePolicy().per_pair.free_failures,
        first_delay=timedelta(minutes=10),
        max_delay=timedelta(minutes=15),
        window=timedelta(minutes=15),
    ),
    per_address=ThrottleLimit(
        max_failures=10_000,
        window=ThrottlePolicy().per_address.window,
        lockout=ThrottlePolicy().per_address.lockout,
    ),
)


def settings_on(
    database_url: str, environment: Environment = Environment.TEST, auth: AuthSettings | None = None
) -> Settings:
    return Settings(
        environment=environment,
        database=DatabaseSettings(dsn=database_url),
        auth=auth or auth_settings_for_tests(),
        telemetry=TelemetrySettings(),
    )


@asynccontextmanager
async def running_service(settings: Settings, **app_options: Any) -> AsyncIterator[str]:
    """Serves the app like production (uvicorn, real sockets); yields its base URL."""
    app = create_app(
        lambda: open_runtime(
            settings,
            password_hasher=fast_password_hasher(),
            throttle_policy=TEST_THROTTLE,
            clock=service_clock(settings.time_zone),
        ),
        **app_options,
    )
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on"))
    serving = asyncio.create_task(server.serve())
    await eventually(lambda: server.started or serving.done(), within=30, what="the GraphQL app starting")
    if serving.done():
        serving.result()  # raises what stopped the start
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


class Browser:
    def __init__(self, base_url: str, origin: str = TEST_ORIGIN) -> None:
        self.base_url = base_url
        self.origin = origin
        self.cookies: dict[str, str] = {}
        self.http = httpx.AsyncClient(base_url=base_url, timeout=10)

    async def close(self) -> None:
        await self.http.aclose()

    def cookie_header(self) -> dict[str, str]:
        if not self.cookies:
            return {}
        return {"cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}

    def _keep_cookies(self, response: httpx.Response) -> None:
        for header in response.headers.get_list("set-cookie"):
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    async def post(self, query: str, variables: dict[str, Any] | None = None, **headers: str) -> httpx.Response:
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        sent = {"origin": self.origin, **self.cookie_header(), **headers}
        response = await self.http.post("/graphql", json=body, headers=sent)
        self._keep_cookies(response)
        return response

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The data of a request that must succeed."""
        response = await self.post(query, variables)
        body = response.json()
        assert "errors" not in body, body
        assert response.status_code == 200
        data: dict[str, Any] = body["data"]
        return data

    async def login(self, username: str, password: str = TEST_PASSWORD) -> httpx.Response:
        return await self.post(
            "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id username role } }",
            {"u": username, "p": password},
        )


def error_codes(response: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in response.json().get("errors", [])]


@asynccontextmanager
async def browser(base_url: str, origin: str = TEST_ORIGIN) -> AsyncIterator[Browser]:
    client = Browser(base_url, origin)
    try:
        yield client
    finally:
        await client.close()


async def open_socket(client: Browser, origin: str = TEST_ORIGIN) -> ClientConnection:
    """The client's WebSocket to /graphql, with its cookies, not yet initialised."""
    return await connect(
        client.base_url.replace("http", "ws", 1) + "/graphql",
        subprotocols=PROTOCOL,
        additional_headers={"origin": origin, **client.cookie_header()},
    )


async def send(socket: ClientConnection, message: dict[str, Any]) -> None:
    await socket.send(json.dumps(message))


async def receive(socket: ClientConnection, within: float = 1.0) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), within))
    return message


async def subscribed(client: Browser, query: str, variables: dict[str, Any]) -> ClientConnection:
    """An initialised socket with one subscription (id "1") that listens already."""
    socket = await open_socket(client)
    await send(socket, {"type": "connection_init"})
    assert await receive(socket) == {"type": "connection_ack"}
    await send(socket, {"id": "1", "type": "subscribe", "payload": {"query": query, "variables": variables}})
    # Messages are handled in order: the pong means the subscription is listening.
    await send(socket, {"type": "ping"})
    assert await receive(socket) == {"type": "pong"}
    return socket
