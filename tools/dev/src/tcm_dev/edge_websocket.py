"""Bridges a browser WebSocket to a service (GraphQL subscriptions) with the browser's cookies and Origin."""

from __future__ import annotations

import asyncio
import contextlib

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.typing import Origin, Subprotocol

from tcm_dev.asgi import Receive, Scope, Send
from tcm_dev.edge_http import forwarded_headers

_HANDSHAKE_HEADERS = {b"sec-websocket-key", b"sec-websocket-version", b"sec-websocket-extensions",
                      b"sec-websocket-protocol", b"origin"}


async def _browser_to_service(receive: Receive, service: ClientConnection) -> None:
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        text: str | None = message.get("text")
        await service.send(text if text is not None else bytes(message.get("bytes") or b""))


async def _service_to_browser(service: ClientConnection, send: Send) -> None:
    with contextlib.suppress(ConnectionClosed):
        async for payload in service:
            key = "text" if isinstance(payload, str) else "bytes"
            await send({"type": "websocket.send", key: payload})
    code = service.close_code or 1000
    await send({"type": "websocket.close", "code": code, "reason": service.close_reason or ""})


async def bridge_websocket(upstream: str, scope: Scope, receive: Receive, send: Send) -> None:
    await receive()  # websocket.connect
    headers = dict(scope["headers"])
    origin = headers.get(b"origin", b"").decode() or None
    extra = [
        (name.decode(), value.decode())
        for name, value in forwarded_headers(scope)
        if name.lower() not in _HANDSHAKE_HEADERS
    ]
    query = scope["query_string"].decode()
    url = upstream.replace("http", "ws", 1) + scope["raw_path"].decode() + (f"?{query}" if query else "")
    try:
        service = await connect(
            url,
            origin=Origin(origin) if origin else None,
            subprotocols=[Subprotocol(p) for p in scope.get("subprotocols", [])],
            additional_headers=extra,
        )
    except (OSError, InvalidHandshake):
        await send({"type": "websocket.close", "code": 1011})
        return
    async with service:
        await send({"type": "websocket.accept", "subprotocol": service.subprotocol})
        pumps = [
            asyncio.create_task(_browser_to_service(receive, service)),
            asyncio.create_task(_service_to_browser(service, send)),
        ]
        _, pending = await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
