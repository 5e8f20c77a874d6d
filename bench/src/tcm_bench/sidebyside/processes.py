"""Every contender as its own process: our services as tcm_bench.services starts them, each peer as
`python -m tcm_bench.peers.<module>` with the BENCH_PEER_* variables, logging to a file."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import grpc.aio
import httpx

from tcm_bench.peers.settings import peer_environment
from tcm_bench.services import running_services
from tcm_bench.sidebyside.contenders import Contender
from tcm_common.testing.service_process import free_port

START_TIMEOUT_SECONDS = 90.0
STOP_TIMEOUT_SECONDS = 15.0


class PeerStartError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class Endpoint:
    contender: Contender
    port: int
    process: asyncio.subprocess.Process | None = field(default=None, compare=False, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"


async def _ready(endpoint: Endpoint) -> bool:
    if endpoint.contender.grpc:
        async with grpc.aio.insecure_channel(endpoint.target) as channel:
            try:
                await asyncio.wait_for(channel.channel_ready(), 1.0)
            except TimeoutError:
                return False
            return True
    async with httpx.AsyncClient(timeout=2) as client:
        try:
            return (await client.get(f"{endpoint.base_url}/ready")).status_code == 200
        except httpx.TransportError:
            return False


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), STOP_TIMEOUT_SECONDS)
    except TimeoutError:
        process.kill()
        await process.wait()


@asynccontextmanager
async def _peer(contender: Contender, database_url: str, proto_modules: Path, log_dir: Path) -> AsyncIterator[Endpoint]:
    if contender.module is None:
        raise PeerStartError(f"{contender.key} is one of our services, not a peer")
    port = free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(path for path in sys.path if path),
        **peer_environment(database_url, port, proto_modules if contender.grpc else None),
    }
    log_path = log_dir / f"{contender.key}-{port}.log"
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", contender.module, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    endpoint = Endpoint(contender, port, process)
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not await _ready(endpoint):
            if process.returncode is not None or time.monotonic() > deadline:
                raise PeerStartError(
                    f"{contender.module} did not become ready (exit code {process.returncode}):\n{_tail(log_path)}"
                )
            await asyncio.sleep(0.1)
        yield endpoint
    finally:
        await _stop(process)


@asynccontextmanager
async def running_contenders(
    database_url: str, contenders: Sequence[Contender], proto_modules: Path
) -> AsyncIterator[dict[str, Endpoint]]:
    """Starts every contender side by side (ours through tcm_bench.services) and stops them at the end."""
    ours = {contender.service: contender for contender in contenders if contender.service is not None}
    peers = [contender for contender in contenders if contender.module is not None]
    with tempfile.TemporaryDirectory(prefix="tcm-sidebyside-logs-") as log_dir:
        async with AsyncExitStack() as stack:
            services = await stack.enter_async_context(running_services(database_url, tuple(ours)))
            endpoints = {
                ours[name].key: Endpoint(ours[name], service.port, service.process)
                for name, service in services.items()
            }
            outcomes = await asyncio.gather(
                *(stack.enter_async_context(_peer(peer, database_url, proto_modules, Path(log_dir))) for peer in peers),
                return_exceptions=True,
            )
            for outcome in outcomes:
                if isinstance(outcome, BaseException):
                    raise outcome
                endpoints[outcome.contender.key] = outcome
            yield endpoints


def stop_all_at_once(endpoints: Iterable[Endpoint]) -> None:
    """SIGTERM to every process now, so that they stop together rather than one after the other when their
    contexts close (a second SIGTERM, sent there, makes ours skip the drain that a load balancer needs)."""
    for endpoint in endpoints:
        if endpoint.process is not None and endpoint.process.returncode is None:
            endpoint.process.send_signal(signal.SIGTERM)
