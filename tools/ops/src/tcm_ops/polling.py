"""One loop for everything that waits: poll, show progress, give up after a timeout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from tcm_ops.clock import Clock
from tcm_ops.console import Console
from tcm_ops.errors import OpsError

T = TypeVar("T")


@dataclass(frozen=True)
class Pending:
    """Not there yet; `status` is shown on the progress line."""

    status: str


@dataclass(frozen=True)
class Done(Generic[T]):
    value: T


def wait_for(
    check: Callable[[], Pending | Done[T]],
    *,
    what: str,
    timeout_seconds: float,
    interval_seconds: float,
    console: Console,
    clock: Clock,
) -> T:
    """Calls `check` until it returns Done, at most until the timeout (then raises OpsError)."""
    started = clock.monotonic()
    while True:
        outcome = check()
        elapsed = clock.monotonic() - started
        if isinstance(outcome, Done):
            console.end_progress()
            return outcome.value
        console.progress(f"{what}: {outcome.status}", elapsed)
        if elapsed >= timeout_seconds:
            console.end_progress()
            raise OpsError(
                f"timed out after {timeout_seconds:.0f}s waiting for {what} (last status: {outcome.status})"
            )
        clock.sleep(interval_seconds)
