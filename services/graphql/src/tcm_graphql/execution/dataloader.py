"""A DataLoader: loads asked for while one wave of resolvers runs become ONE call of a batch function.

`load(key)` returns a future; the first load of a wave schedules the batch call for after every
resolver already scheduled has run, so siblings in a list (which graphql-core starts together) share
it. Results are cached per key for the loader's life, which is one request: never share a loader.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Generic, TypeVar

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")
_R = TypeVar("_R")

BatchFunction = Callable[[Sequence[_K]], Awaitable[Sequence[_V]]]


class DataLoader(Generic[_K, _V]):
    def __init__(self, batch: BatchFunction[_K, _V]) -> None:
        self._batch = batch
        self._futures: dict[_K, asyncio.Future[_V]] = {}
        self._waiting: list[_K] = []
        self._running: set[asyncio.Task[None]] = set()

    def load(self, key: _K) -> asyncio.Future[_V]:
        future = self._futures.get(key)
        if future is None:
            loop = asyncio.get_running_loop()
            future = self._futures[key] = loop.create_future()
            if not self._waiting:
                loop.call_soon(self._dispatch)
            self._waiting.append(key)
        return future

    def load_now(self, key: _K) -> _V | asyncio.Future[_V]:
        """The value itself when it is already known (primed or loaded), else `load(key)`: a resolver
        answering without an awaitable spares graphql-core a task of its own for the field."""
        future = self._futures.get(key)
        if future is not None and future.done() and not future.cancelled() and future.exception() is None:
            return future.result()
        return self.load(key)

    def holds(self, key: _K) -> bool:
        """Whether the key is cached or on its way (a load asked for, or primed)."""
        return key in self._futures

    def prime(self, key: _K, value: _V) -> None:
        """Caches what the request already knows (a use case's answer, newer than anything cached), so no
        resolver loads it again. A load already under way for the key keeps it."""
        pending = self._futures.get(key)
        if pending is not None and not pending.done():
            return
        future = asyncio.get_running_loop().create_future()
        future.set_result(value)
        self._futures[key] = future

    def _dispatch(self) -> None:
        keys, self._waiting = self._waiting, []
        task = asyncio.ensure_future(self._run(keys))
        # The loop keeps only weak references to tasks; this one must live until it has answered.
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _run(self, keys: list[_K]) -> None:
        try:
            values = await self._batch(keys)
        except Exception as error:  # every waiting resolver gets the batch's error as its own
            for key in keys:
                self._futures.pop(key).set_exception(error)
            return
        for key, value in zip(keys, values, strict=True):
            self._futures[key].set_result(value)


def then(loaded: _V | asyncio.Future[_V], present: Callable[[_V], _R]) -> _R | Awaitable[_R]:
    """`present` applied to what `load_now` gave: at once for a value, once loaded for a future."""
    if isinstance(loaded, asyncio.Future):
        return _presented(loaded, present)
    return present(loaded)


async def _presented(future: asyncio.Future[_V], present: Callable[[_V], _R]) -> _R:
    return present(await future)
