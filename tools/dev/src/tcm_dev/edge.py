"""The local edge, mirroring CloudFront + the ALB: `/graphql*` to GraphQL (HTTP and WebSocket),
`/api/*` to REST, everything else the SPA from frontend/dist.

Every HTTP response carries the site's security headers (frontend/security-headers.json), as CloudFront
adds them in AWS, so that ./dev and the e2e tests run under the production CSP.

    python -m tcm_dev.edge      (TCM_PORT, TCM_EDGE_GRAPHQL_URL, TCM_EDGE_REST_URL, TCM_EDGE_SITE_DIR,
                                 TCM_EDGE_SECURITY_HEADERS: the headers file)
"""

from __future__ import annotations

import os
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

import httpx

from tcm_common.listen_address import ListenAddress
from tcm_common.web.asgi_server import serve
from tcm_dev.asgi import Message, Receive, Scope, Send
from tcm_dev.edge_http import proxy_http
from tcm_dev.edge_security_headers import SecurityHeaders
from tcm_dev.edge_static import serve_static
from tcm_dev.edge_websocket import bridge_websocket


class Edge:
    def __init__(self, graphql_url: str, rest_url: str, site: Path, security_headers: SecurityHeaders) -> None:
        self._routes = (("/graphql", graphql_url), ("/api/", rest_url))
        self._site = site
        self._security_headers = security_headers
        # A proxy must never keep cookies: a jar would hand one browser's session to the next.
        no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
        self._client = httpx.AsyncClient(timeout=60, follow_redirects=False, cookies=no_cookies)

    def _upstream(self, path: str) -> str | None:
        return next((url for prefix, url in self._routes if path.startswith(prefix)), None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        upstream = self._upstream(scope["path"])

        async def send_secured(message: Message) -> None:
            await send(self._security_headers.secure(message))

        if scope["type"] == "websocket":
            if upstream is None:
                await send({"type": "websocket.close", "code": 1008})
            else:
                await bridge_websocket(upstream, scope, receive, send)
        elif upstream is not None:
            await proxy_http(self._client, upstream, scope, receive, send_secured)
        else:
            await serve_static(self._site, scope, send_secured)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self._client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return


def main() -> None:
    edge = Edge(
        graphql_url=os.environ["TCM_EDGE_GRAPHQL_URL"],
        rest_url=os.environ["TCM_EDGE_REST_URL"],
        site=Path(os.environ["TCM_EDGE_SITE_DIR"]),
        security_headers=SecurityHeaders.load(Path(os.environ["TCM_EDGE_SECURITY_HEADERS"])),
    )
    serve(edge, ListenAddress.from_env(8080))


if __name__ == "__main__":
    main()
