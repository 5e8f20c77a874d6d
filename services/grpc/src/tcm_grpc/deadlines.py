"""Deadlines: a unary call's work stops before the caller's deadline, so no write lands after the
caller has been told DEADLINE_EXCEEDED.

grpc.aio cancels a call's task when its deadline passes, but the server's deadline is the client's
timeout counted from arrival (and rounded up on the wire), so it falls a little *after* the client's:
work could still commit in between. This interceptor cancels the work `DEADLINE_MARGIN_SECONDS`
before the server's deadline instead. Cancelling the task cancels the awaited SQL statement (asyncpg
sends a cancel request) and unwinds the use case's unit of work, which rolls back: nothing is written.
The remaining window is a COMMIT already sent when the time runs out; whether it landed then is
unknowable from here (as for any client that loses a connection after sending COMMIT).

Server streams (WatchTestSuite) are not guarded: their deadline bounds the whole stream, and grpc.aio
ends them when it passes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, cast

import grpc
import grpc.aio

from tcm_contracts.servicers import Context
from tcm_grpc.errors import DeadlineReached, abort_with_status
from tcm_grpc.handler_wrapping import Handler, StreamBehavior, UnaryBehavior, wrap_behavior

# Covers the rounding of grpc-timeout and the trip of the answer back to the client.
DEADLINE_MARGIN_SECONDS = 0.05


class DeadlineInterceptor(grpc.aio.ServerInterceptor):
    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler | None]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> Handler | None:
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        return wrap_behavior(handler, unary=_within_deadline, stream=_unchanged)


def _within_deadline(behavior: UnaryBehavior) -> UnaryBehavior:
    async def guarded(request: Any, context: Context) -> Any:
        # None when the caller set no deadline (the stubs say float).
        remaining = cast(float | None, context.time_remaining())
        if remaining is None:
            return await behavior(request, context)
        try:
            async with asyncio.timeout(max(remaining - DEADLINE_MARGIN_SECONDS, 0)) as budget:
                return await behavior(request, context)
        except TimeoutError:
            if not budget.expired():
                raise
        return await abort_with_status(DeadlineReached(), context)

    return guarded


def _unchanged(behavior: StreamBehavior) -> StreamBehavior:
    return behavior
