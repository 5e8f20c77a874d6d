"""The local edge routes like CloudFront + the ALB: real servers on both sides of it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from litestar import Litestar, Request, Response, WebSocket, get, post, websocket
from websockets.asyncio.client import connect
from websockets.typing import Origin, Subprotocol

from tcm_common.testing.service_process import free_port
from tcm_common.testing.waiting import eventually
from tcm_dev.edge import Edge
from tcm_dev.edge_security_headers import SECURITY_HEADERS_FILE, SecurityHeaders
from tcm_dev.workspace import repository_root

# The production headers (CloudFront's policy reads the same file), read here as plain JSON.
SITE_HEADERS_SPEC = json.loads((repository_root() / SECURITY_HEADERS_FILE).read_text(encoding="utf-8"))
SITE_HEADERS: dict[str, str] = SITE_HEADERS_SPEC["headers"]


@post("/graphql", sync_to_thread=False)
def graphql_endpoint(request: Request[Any, Any, Any]) -> Response[dict[str, str | None]]:
    response = Response(
        {
            "service": "graphql",
            "forwarded_for": request.headers.get("x-forwarded-for"),
            "cookie": request.headers.get("cookie"),
        }
    )
    response.set_cookie("first", "1", httponly=True)
    response.set_cookie("second", "2", httponly=True)
    return response


@get("/api/v1/things", sync_to_thread=False)
def rest_endpoint(request: Request[Any, Any, Any]) -> dict[str, str]:
    return {"service": "rest", "query": request.url.query}


@get("/api/v1/schema", sync_to_thread=False)
def documentation_page() -> Response[str]:
    # A page with its own CSP and framing rule, like the API's documentation.
    headers = {"content-security-policy": "script-src 'self' 'unsafe-inline'", "x-frame-options": "SAMEORIGIN"}
    return Response("<title>docs</title>", media_type="text/html", headers=headers)


@websocket("/graphql")
async def subscriptions(socket: WebSocket[Any, Any, Any]) -> None:
    await socket.accept(subprotocols="graphql-transport-ws")
    message = await socket.receive_text()
    await socket.send_text(f"echo {message} origin={socket.headers.get('origin')}")
    await socket.close()


async def _serve(app: object, port: int) -> tuple[uvicorn.Server, asyncio.Task[None]]:
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    await eventually(lambda: server.started, within=30, what="the test server starting")
    return server, task


@pytest.fixture
async def edge_url(tmp_path: Path) -> AsyncIterator[str]:
    (tmp_path / "index.html").write_text("<title>spa</title>")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app-1234.js").write_text("console.log(1)")
    upstream_port, edge_port = free_port(), free_port()
    upstream_url = f"http://127.0.0.1:{upstream_port}"
    servers = [
        await _serve(Litestar([graphql_endpoint, rest_endpoint, documentation_page, subscriptions]), upstream_port),
        await _serve(
            Edge(
                graphql_url=upstream_url,
                rest_url=upstream_url,
                site=tmp_path,
                security_headers=SecurityHeaders.load(repository_root() / SECURITY_HEADERS_FILE),
            ),
            edge_port,
        ),
    ]
    yield f"http://127.0.0.1:{edge_port}"
    for server, task in reversed(servers):
        server.should_exit = True
        await task


async def test_graphql_and_api_reach_their_services_with_cookies_both_ways(edge_url: str) -> None:
    async with httpx.AsyncClient(base_url=edge_url) as client:
        graphql = await client.post("/graphql", json={}, headers={"cookie": "session=abc"})
        rest = await client.get("/api/v1/things?limit=2")
    assert graphql.json() == {"service": "graphql", "forwarded_for": "127.0.0.1", "cookie": "session=abc"}
    assert [c.split("=")[0] for c in graphql.headers.get_list("set-cookie")] == ["first", "second"]
    assert rest.json() == {"service": "rest", "query": "limit=2"}


async def test_the_edge_keeps_no_cookies_between_browsers(edge_url: str) -> None:
    async with httpx.AsyncClient(base_url=edge_url) as first_browser:
        signed_in = await first_browser.post("/graphql", json={})
    assert signed_in.headers.get_list("set-cookie")
    async with httpx.AsyncClient(base_url=edge_url) as second_browser:
        anonymous = await second_browser.post("/graphql", json={})
    assert anonymous.json()["cookie"] is None
    assert len(anonymous.headers.get_list("date")) == 1


async def test_the_spa_is_served_with_fallback_for_client_routes_and_404_for_missing_files(
    edge_url: str,
) -> None:
    async with httpx.AsyncClient(base_url=edge_url) as client:
        root, deep_link = await client.get("/"), await client.get("/suites/42")
        asset, missing = await client.get("/assets/app-1234.js"), await client.get("/assets/gone.js")
        escape = await client.get("/../../etc/passwd")
    assert root.text == deep_link.text == "<title>spa</title>"
    assert root.headers["cache-control"] == "no-cache"
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert missing.status_code == 404
    assert "root:" not in escape.text


async def test_websockets_are_bridged_with_subprotocol_and_origin(edge_url: str) -> None:
    ws_url = edge_url.replace("http", "ws") + "/graphql"
    protocols = [Subprotocol("graphql-transport-ws")]
    async with connect(ws_url, subprotocols=protocols, origin=Origin("http://localhost:8080")) as socket:
        assert socket.subprotocol == "graphql-transport-ws"
        await socket.send("hello")
        assert await socket.recv() == "echo hello origin=http://localhost:8080"


def _site_headers_of(response: httpx.Response) -> dict[str, list[str]]:
    return {name: response.headers.get_list(name) for name in SITE_HEADERS}


async def test_every_response_carries_exactly_the_security_headers_of_the_file(edge_url: str) -> None:
    async with httpx.AsyncClient(base_url=edge_url) as client:
        responses = [
            await client.get("/"),
            await client.get("/suites/42"),
            await client.get("/assets/app-1234.js"),
            await client.get("/assets/gone.js"),
            await client.post("/graphql", json={}),
            await client.get("/api/v1/things"),
        ]
    expected = {name: [value] for name, value in SITE_HEADERS.items()}
    for response in responses:
        assert _site_headers_of(response) == expected, response.url


async def test_a_page_with_its_own_csp_keeps_it_and_loses_the_rest(edge_url: str) -> None:
    async with httpx.AsyncClient(base_url=edge_url) as client:
        docs = await client.get("/api/v1/schema")
    assert SITE_HEADERS_SPEC["keepOriginValue"] == ["Content-Security-Policy"]
    assert docs.headers.get_list("content-security-policy") == ["script-src 'self' 'unsafe-inline'"]
    assert docs.headers.get_list("x-frame-options") == [SITE_HEADERS["X-Frame-Options"]]
