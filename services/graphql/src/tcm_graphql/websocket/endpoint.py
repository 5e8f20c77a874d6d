"""The WebSocket endpoint at /graphql: handshake checks, then the graphql-transport-ws conversation.

A handshake is refused (HTTP 403, by closing before accepting) when it does not offer the protocol, or
comes with the cookies from an origin that is not allowed (any page can open a WebSocket), or with a
bad Authorization header. A handshake without credentials is accepted and then closed at
connection_init with 4401, as the protocol expects.
"""

from __future__ import annotations

from typing import Any

from litestar import WebSocket, websocket

from tcm_common.domain.errors import PermissionDenied, Unauthenticated
from tcm_common.web.csrf import check_websocket_origin
from tcm_common.web.runtime import runtime_of
from tcm_graphql.http.caller import caller_of
from tcm_graphql.service_state import graphql_state
from tcm_graphql.websocket.connection import GraphQLTransportWs
from tcm_graphql.websocket.protocol import SUBPROTOCOL, CloseCode


@websocket("/graphql")
async def graphql_websocket(socket: WebSocket[Any, Any, Any]) -> None:
    runtime = runtime_of(socket)
    if SUBPROTOCOL not in socket.scope.get("subprotocols", []):
        await socket.close(code=CloseCode.SUBPROTOCOL_NOT_ACCEPTABLE, reason="Subprotocol not acceptable")
        return
    try:
        check_websocket_origin(socket)
        caller = await caller_of(socket, runtime.auth)
    except (PermissionDenied, Unauthenticated):
        # Before accept, closing refuses the handshake itself (HTTP 403).
        await socket.close(code=CloseCode.FORBIDDEN)
        return
    await socket.accept(subprotocols=SUBPROTOCOL)
    await GraphQLTransportWs(socket, runtime, graphql_state(socket), caller).run()
