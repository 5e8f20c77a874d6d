"""Starting a benchmark's server process and waiting until it answers ready, for our services and the
peers alike: `python -m <module>` with its own environment, its output in a log file (a pipe nobody reads
would stall it under load), stopped with SIGTERM at the end (killed if it does not stop)."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import grpc.aio
import httpx

START_TIMEOUT_SECONDS = 90.0
STOP_TIMEOUT_SECONDS = 30.0
# A benchmark's poll, not a test's wait: the start-up time is one of its figures.
READY_POLL_SECONDS = 0.02
T = TypeVar("T")


class StartError(RuntimeError):
    pass


class LocalServer:
    """The addresses of a server started on 127.0.0.1 at `port` (a base of the dataclasses that name one)."""

    __slots__ = ()
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"


@dataclass(frozen=True, slots=True)
class StartedProcess:
    process: asyncio.subprocess.Process
    log: Path
    # From the process's start to its first ready answer (what the load balancer asks).
    ready_seconds: float


async def http_ready(base_url: str) -> bool:
    async with httpx.AsyncClient(timeout=2) as client:
        try:
            return (await client.get(f"{base_url}/ready")).status_code == 200
        except httpx.TransportError:
            return False


async def grpc_channel_ready(target: str) -> bool:
    """The server accepts a connection (for gRPC servers without a health service)."""
    async with grpc.aio.insecure_channel(target) as channel:
        try:
            await asyncio.wait_for(channel.channel_ready(), 1.0)
        except TimeoutError:
            return False
        return True


def tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


async def stop(process: asyncio.subprocess.Process, name: str) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), STOP_TIMEOUT_SECONDS)
    except TimeoutError:
        process.kill()
        await process.wait()
        print(f"warning: {name} did not stop within {STOP_TIMEOUT_SECONDS:.0f} s of SIGTERM; killed", file=sys.stderr)


async def enter_together(stack: AsyncExitStack, contexts: Iterable[AbstractAsyncContextManager[T]]) -> list[T]:
    """Enters the contexts (process starts) side by side: every one settles, and is registered with
    `stack` for leaving, before a failure of one is raised."""
    entering = (stack.enter_async_context(context) for context in contexts)
    outcomes = await asyncio.gather(*entering, return_exceptions=True)
    entered: list[T] = []
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
        entered.append(outcome)
    return entered


@asynccontextmanager
async def started_module(
    module: str, environment: Mapping[str, str], log: Path, ready: Callable[[], Awaitable[bool]]
) -> AsyncIterator[StartedProcess]:
    """`python -m module` until `ready()` says so (or it exits, or the start times out), stopped at the end."""
    started = time.monotonic()
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", module, env=dict(environment), stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = started + START_TIMEOUT_SECONDS
        while not await ready():
            if process.returncode is not None or time.monotonic() > deadline:
                raise StartError(f"{module} did not become ready (exit code {process.returncode}):\n{tail(log)}")
            await asyncio.sleep(READY_POLL_SECONDS)
        yield StartedProcess(process, log, time.monotonic() - started)
    finally:
        await stop(process, module)
