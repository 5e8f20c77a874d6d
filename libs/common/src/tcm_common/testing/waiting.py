"""Waiting in tests: poll a condition until it holds, with a deadline; never sleep for a guessed time.

    await eventually(lambda: "Watch CANCELLED" in access_lines(caplog))     # in a test's event loop
    await eventually(nothing_waits_for_a_lock)                               # an async condition
    wait_until(lambda: collector.spans_of("tcm-rest"))                       # blocking code, other processes

Both raise AssertionError naming the deadline when the condition never holds. The deadline bounds a
broken test only: a passing test waits exactly as long as the condition takes.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable

POLL_INTERVAL = 0.02


async def eventually(
    condition: Callable[[], bool | Awaitable[bool]], *, within: float = 10, what: str = "the condition"
) -> None:
    """Polls `condition` (plain or async) on the running loop until it is true."""
    loop = asyncio.get_running_loop()
    give_up = loop.time() + within
    while True:
        outcome = condition()
        if await outcome if inspect.isawaitable(outcome) else outcome:
            return
        if loop.time() > give_up:
            raise AssertionError(f"{what} did not hold within {within} s")
        await asyncio.sleep(POLL_INTERVAL)


def wait_until(condition: Callable[[], bool], *, within: float = 10, what: str = "the condition") -> None:
    """The blocking form, for code that runs outside an event loop (threads, other processes)."""
    give_up = time.monotonic() + within
    while not condition():
        if time.monotonic() > give_up:
            raise AssertionError(f"{what} did not hold within {within} s")
        time.sleep(POLL_INTERVAL)


async def run_scheduled_callbacks() -> None:
    """Lets the callbacks already scheduled with call_soon run (asyncpg hands query records to its
    loggers that way). Not a timed wait: the loop runs every ready callback before resuming this task."""
    await asyncio.sleep(0)
