"""One subscriber's queue of change events, read as an async iterator."""

from __future__ import annotations

import asyncio
from uuid import UUID

from tcm_common.domain.errors import ServiceUnavailable
from tcm_common.domain.events import ChangeEvent


class SubscriptionLost(ServiceUnavailable):
    """The stream broke and events may be missing: reload the state and subscribe again (every protocol
    answers it as unavailable, docs/errors.md)."""

    code = "SUBSCRIPTION_LOST"

    def __init__(self, message: str) -> None:
        super().__init__(f"{message}; reload and subscribe again", retry_after_seconds=1)


class _End:
    def __init__(self, error: SubscriptionLost | None) -> None:
        self.error = error


class Subscription:
    def __init__(self, suite_id: UUID | None) -> None:
        self._suite_id = suite_id
        self._queue: asyncio.Queue[ChangeEvent | _End] = asyncio.Queue()
        self._ended = False

    def wants(self, event: ChangeEvent) -> bool:
        return self._suite_id is None or event.suite_id == self._suite_id

    def offer(self, event: ChangeEvent, backlog: int) -> bool:
        """Queues the event; False (and the subscription ends) when the reader is too far behind."""
        if self._queue.qsize() >= backlog:
            self.end(SubscriptionLost(f"the subscriber fell more than {backlog} events behind"))
            return False
        self._queue.put_nowait(event)
        return True

    def end(self, error: SubscriptionLost | None) -> None:
        """Ends the iteration after the events already queued (they were committed: still true)."""
        if self._ended:
            return
        self._ended = True
        self._queue.put_nowait(_End(error))

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> ChangeEvent:
        item = await self._queue.get()
        if isinstance(item, _End):
            self._queue.put_nowait(item)  # keep ending for any later __anext__
            if item.error is not None:
                raise item.error
            raise StopAsyncIteration
        return item
