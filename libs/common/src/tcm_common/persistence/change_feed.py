"""Receives change events with LISTEN on one dedicated connection per process and fans them out.

    feed = ChangeFeed(lambda: connect(settings.database))
    async with feed.subscribe(suite_id) as events:     # listening before the block starts
        async for event in events:                     # ChangeEvent, only for committed changes
            ...
    await feed.close()

Subscribing while the database can't be reached raises ServiceUnavailable.
A subscription ends with SubscriptionLost when the listening connection drops (events may have been
missed: reload and resubscribe) or when its reader falls more than `backlog` events behind.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from uuid import UUID

import asyncpg

from tcm_common.application.changes import SubscriptionLost
from tcm_common.domain.events import ChangeEvent
from tcm_common.persistence.database_errors import translated
from tcm_common.persistence.notifications import CHANNEL, decode_event
from tcm_common.persistence.subscription import Subscription

_log = logging.getLogger(__name__)


class ChangeFeed:
    def __init__(self, connect: Callable[[], Awaitable[asyncpg.Connection]], *, backlog: int = 1000) -> None:
        self._connect = connect
        self._backlog = backlog
        self._connection: asyncpg.Connection | None = None
        self._lock = asyncio.Lock()
        self._subscriptions: set[Subscription] = set()

    async def _ensure_listening(self) -> None:
        async with self._lock:
            if self._connection is not None and not self._connection.is_closed():
                return
            try:
                connection = await self._connect()
            except Exception as error:
                failure = translated(error)
                if failure is None:
                    raise
                raise failure from error
            connection.add_termination_listener(self._on_terminated)
            await connection.add_listener(CHANNEL, self._on_notification)
            self._connection = connection

    def _on_notification(self, _connection: object, _pid: int, _channel: str, payload: object) -> None:
        try:
            event = decode_event(str(payload))
        except (ValueError, KeyError, TypeError):
            _log.warning("ignored a malformed change notification")
            return
        for subscription in list(self._subscriptions):
            if subscription.wants(event) and not subscription.offer(event, self._backlog):
                self._subscriptions.discard(subscription)

    def _on_terminated(self, connection: object) -> None:
        if connection is self._connection:
            self._connection = None
        for subscription in self._subscriptions:
            subscription.end(SubscriptionLost("the change feed lost its database connection"))
        self._subscriptions.clear()

    @asynccontextmanager
    async def subscribe(self, suite_id: UUID | None = None) -> AsyncIterator[AsyncIterator[ChangeEvent]]:
        """Events of one suite, or of every suite when `suite_id` is None."""
        await self._ensure_listening()
        subscription = Subscription(suite_id)
        self._subscriptions.add(subscription)
        try:
            yield subscription
        finally:
            self._subscriptions.discard(subscription)

    async def close(self) -> None:
        async with self._lock:
            connection, self._connection = self._connection, None
        for subscription in self._subscriptions:
            subscription.end(None)
        self._subscriptions.clear()
        if connection is not None:
            await connection.close()
