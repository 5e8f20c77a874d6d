"""The CSRF guard as a Litestar guard: requests a browser could send with the session cookies attached.

Every request without an Authorization header is checked (cookie-authenticated calls, and the
login/refresh/logout calls that have no session yet): a state-changing method needs an allowed Origin
and a JSON body (tcm_common.auth.csrf). Tools that send a bearer token are not browsers and pass.
A refused request raises PermissionDenied, which the service maps like any other (HTTP 403).
"""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from tcm_common.web.runtime import runtime_of


async def csrf_guard(connection: ASGIConnection, _handler: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    # async although it awaits nothing: Litestar runs a synchronous guard in a worker thread (thread_hops.py).
    if "authorization" in connection.headers:
        return
    # Guards run for WebSocket handshakes too, which have no method: those are GETs.
    method = str(connection.scope.get("method", "GET"))
    runtime_of(connection).auth.csrf.check(method, dict(connection.headers))


def check_websocket_origin(connection: ASGIConnection) -> None:  # type: ignore[type-arg]
    """Any page may open a WebSocket to us and the browser attaches the cookies: check the handshake's
    Origin before acting with them (raises PermissionDenied; the service closes the socket its way)."""
    if "authorization" in connection.headers:
        return
    runtime_of(connection).auth.csrf.check_origin(dict(connection.headers))
