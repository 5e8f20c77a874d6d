"""Forwards an HTTP request to a service, as the ALB does (X-Forwarded-* set, cookies passed both ways)."""

from __future__ import annotations

import httpx

from tcm_dev.asgi import Headers, Receive, Scope, Send, read_body, send_response

# Connection-level headers belong to one hop; everything else is forwarded untouched.
HOP_BY_HOP = {b"connection", b"keep-alive", b"transfer-encoding", b"upgrade", b"te", b"trailer", b"host"}


def forwarded_headers(scope: Scope) -> Headers:
    headers: Headers = [(name, value) for name, value in scope["headers"] if name.lower() not in HOP_BY_HOP]
    client = scope.get("client") or ("127.0.0.1", 0)
    headers.append((b"x-forwarded-for", client[0].encode()))
    headers.append((b"x-forwarded-proto", scope.get("scheme", "http").encode()))
    return headers


async def proxy_http(
    client: httpx.AsyncClient, upstream: str, scope: Scope, receive: Receive, send: Send
) -> None:
    query = scope["query_string"].decode()
    url = upstream + scope["raw_path"].decode() + (f"?{query}" if query else "")
    try:
        response = await client.request(
            scope["method"], url, headers=forwarded_headers(scope), content=await read_body(receive)
        )
    except httpx.TransportError:
        await send_response(send, 502, b"service unavailable", [(b"content-type", b"text/plain")])
        return
    headers = [
        (name.encode(), value.encode())
        for name, value in response.headers.multi_items()
        # httpx has already decoded the body, so its encoding and length are ours to state; the edge's own
        # server adds date and server.
        if name.encode() not in HOP_BY_HOP and name not in ("content-encoding", "content-length", "date", "server")
    ]
    headers.append((b"content-length", str(len(response.content)).encode()))
    await send_response(send, response.status_code, response.content, headers)
