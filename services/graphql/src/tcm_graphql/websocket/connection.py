"""One accepted graphql-transport-ws connection: connection_init, then subscriptions, each forwarded by
its own task, until the client leaves or its session ends.

Only subscriptions are served here: queries and mutations go over HTTP, where cookies can be set and
the CSRF guard applies.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any, NoReturn

from graphql import ExecutionResult
from litestar import WebSocket
from litestar.exceptions import WebSocketDisconnect

from tcm_common.auth.authentication import Authentication
from tcm_common.domain.errors import DomainError
from tcm_common.web.client import client_info
from tcm_common.web.runtime import ServiceRuntime
from tcm_graphql.execution.context import RequestContext
from tcm_graphql.execution.engine import format_result
from tcm_graphql.execution.errors import domain_error_payload, format_error, internal_error, simple_error
from tcm_graphql.execution.request import GraphQLRequest, RequestRefused
from tcm_graphql.http.caller import caller_of
from tcm_graphql.protection.limits import MAX_BODY_BYTES
from tcm_graphql.service_state import GraphQLState
from tcm_graphql.websocket.protocol import CloseCode, MessageType
from tcm_graphql.websocket.session_watch import session_end

INIT_TIMEOUT_SECONDS = 10.0
MAX_SUBSCRIPTIONS = 20

AnySocket = WebSocket[Any, Any, Any]


class _ClosedError(Exception):
    """The connection is closing: stop reading."""


class GraphQLTransportWs:
    def __init__(
        self, socket: AnySocket, runtime: ServiceRuntime, state: GraphQLState, caller: Authentication | None
    ) -> None:
        self._socket = socket
        self._runtime = runtime
        self._state = state
        self._caller = caller
        self._acknowledged = False
        self._closed = False
        self._send_lock = asyncio.Lock()
        self._operations: dict[str, asyncio.Task[None]] = {}
        self._watch: asyncio.Task[None] | None = None
        self._keep_alive: asyncio.Task[None] | None = None
        self._pong = asyncio.Event()

    async def run(self) -> None:
        init_deadline = asyncio.create_task(self._init_deadline())
        try:
            while not self._closed:
                await self._handle(await self._socket.receive_text())
        except (WebSocketDisconnect, _ClosedError):
            pass
        finally:
            operations = list(self._operations.values())
            background = [task for task in (self._watch, self._keep_alive) if task is not None]
            for task in [init_deadline, *operations, *background]:
                task.cancel()
            await asyncio.gather(*operations, return_exceptions=True)

    async def _init_deadline(self) -> None:
        await asyncio.sleep(INIT_TIMEOUT_SECONDS)
        if not self._acknowledged:
            await self._close_quietly(CloseCode.INIT_TIMEOUT, "Connection initialisation timeout")

    async def _handle(self, raw: str) -> None:
        if len(raw) > MAX_BODY_BYTES:
            await self._close(CloseCode.BAD_REQUEST, "Message too large")
        try:
            message = json.loads(raw)
            kind = MessageType(message["type"])
        except (ValueError, KeyError, TypeError):
            await self._close(CloseCode.BAD_REQUEST, "Invalid message received")
        if kind is MessageType.CONNECTION_INIT:
            await self._initialise()
        elif kind is MessageType.PING:
            await self._send({"type": MessageType.PONG})
        elif kind is MessageType.SUBSCRIBE:
            await self._subscribe(message.get("id"), message.get("payload"))
        elif kind is MessageType.COMPLETE:
            task = self._operations.get(str(message.get("id")))
            if task is not None:
                task.cancel()
        elif kind is MessageType.PONG:
            self._pong.set()
        else:
            await self._close(CloseCode.BAD_REQUEST, f"Unexpected message {kind.value}")

    async def _initialise(self) -> None:
        if self._acknowledged:
            await self._close(CloseCode.TOO_MANY_INIT_REQUESTS, "Too many initialisation requests")
        if self._caller is None:
            await self._close(CloseCode.UNAUTHORIZED, "Unauthorized")
        assert self._caller is not None
        self._acknowledged = True
        await self._send({"type": MessageType.CONNECTION_ACK})
        self._watch = asyncio.create_task(self._end_with_session(self._caller))
        self._keep_alive = asyncio.create_task(self._ping_until_unanswered())

    async def _ping_until_unanswered(self) -> None:
        """Pings every so often; closes the connection when a ping gets no pong in time."""
        keep_alive = self._state.keep_alive
        while not self._closed:
            await asyncio.sleep(keep_alive.ping_every_seconds)
            self._pong.clear()
            await self._send({"type": MessageType.PING})
            try:
                await asyncio.wait_for(self._pong.wait(), keep_alive.pong_within_seconds)
            except TimeoutError:
                await self._close_quietly(CloseCode.PONG_TIMEOUT, "Pong timeout")
                return

    async def _end_with_session(self, caller: Authentication) -> None:
        reason = await session_end(
            caller.expires_at,
            lambda: caller_of(self._socket, self._runtime.auth),
            self._state.session_recheck_seconds,
        )
        await self._close_quietly(CloseCode.UNAUTHORIZED, reason)

    async def _subscribe(self, operation_id: object, payload: object) -> None:
        if not self._acknowledged or self._caller is None:
            await self._close(CloseCode.UNAUTHORIZED, "Unauthorized")
        if not isinstance(operation_id, str) or not operation_id:
            await self._close(CloseCode.BAD_REQUEST, "Invalid message received")
        if operation_id in self._operations:
            await self._close(CloseCode.SUBSCRIBER_EXISTS, f"Subscriber for {operation_id} already exists")
        if len(self._operations) >= MAX_SUBSCRIPTIONS:
            await self._error(
                operation_id, [simple_error(f"at most {MAX_SUBSCRIPTIONS} subscriptions", "BAD_USER_INPUT")]
            )
            return
        context = RequestContext.create(self._runtime, self._caller, client_info(self._socket))
        try:
            # Awaited before the next message is read: once the client gets the pong of a later ping,
            # the subscription is listening.
            stream = await self._state.engine.subscribe(GraphQLRequest.from_payload(payload), context)
        except RequestRefused as refusal:
            await self._error(operation_id, refusal.errors)
            return
        if isinstance(stream, ExecutionResult):
            await self._error(operation_id, [format_error(error) for error in stream.errors or ()])
            return
        self._operations[operation_id] = asyncio.create_task(self._forward(operation_id, stream))

    async def _forward(self, operation_id: str, stream: AsyncIterator[ExecutionResult]) -> None:
        try:
            async for result in stream:
                await self._send({"type": MessageType.NEXT, "id": operation_id, "payload": format_result(result)})
            await self._send({"type": MessageType.COMPLETE, "id": operation_id})
        except DomainError as error:  # the change stream broke (UNAVAILABLE): the client subscribes again
            await self._error(operation_id, [domain_error_payload(error, f"subscription {operation_id}")])
        except Exception as error:  # a fault of ours: logged with its trace id, reported as INTERNAL
            await self._error(operation_id, [internal_error(error, f"subscription {operation_id}")])
        finally:
            self._operations.pop(operation_id, None)
            aclose = getattr(stream, "aclose", None)
            if aclose is not None:
                await aclose()

    async def _error(self, operation_id: str, errors: list[dict[str, Any]]) -> None:
        await self._send({"type": MessageType.ERROR, "id": operation_id, "payload": errors})

    async def _send(self, message: dict[str, Any]) -> None:
        async with self._send_lock:
            if self._closed:
                return
            try:
                await self._socket.send_text(json.dumps(message))
            except (WebSocketDisconnect, OSError, RuntimeError):
                # The client left while we were writing; the reader loop ends the connection.
                self._closed = True

    async def _close_quietly(self, code: CloseCode, reason: str) -> None:
        async with self._send_lock:
            if not self._closed:
                self._closed = True
                with contextlib.suppress(WebSocketDisconnect, RuntimeError):
                    await self._socket.close(code=code, reason=reason)

    async def _close(self, code: CloseCode, reason: str) -> NoReturn:
        await self._close_quietly(code, reason)
        raise _ClosedError(reason)
