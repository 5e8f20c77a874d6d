"""The events of a change subscription, for as long as a watch stream may last.

A watch stream ends when its subscription ends, and also
- when the server begins to stop (ServiceStopping: the client watches again, on another task),
- when the caller's credential expires (Unauthenticated: a stream must not outlive its token).
Cancelling the call (client cancel, deadline) cancels the waiting and unsubscribes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from datetime import UTC, datetime
from typing import TypeVar

from tcm_common.domain.errors import Unauthenticated
from tcm_grpc.errors import ServiceStopping

_T = TypeVar("_T")

CREDENTIALS_EXPIRED = "the credentials expired; authenticate again and watch again"


async def until_stopped(
    events: AsyncIterator[_T], stopping: asyncio.Event, expires_at: datetime
) -> AsyncGenerator[_T, None]:
    stop = asyncio.ensure_future(stopping.wait())
    following: asyncio.Future[_T] | None = None
    try:
        while True:
            following = asyncio.ensure_future(anext(events))
            seconds_left = (expires_at - datetime.now(UTC)).total_seconds()
            done, _ = await asyncio.wait(
                {following, stop}, timeout=max(seconds_left, 0), return_when=asyncio.FIRST_COMPLETED
            )
            if following not in done:
                raise ServiceStopping() if stop in done else Unauthenticated(CREDENTIALS_EXPIRED)
            try:
                event = following.result()
            except StopAsyncIteration:
                return
            yield event
    finally:
        # asyncio.wait leaves its futures running when it is cancelled or times out.
        stop.cancel()
        if following is not None:
            following.cancel()
