"""The three services as production runs them: each its own process (`python -m tcm_<name>`), configured
by environment variables only, logging to a file (a pipe nobody reads would stall them under load)."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import grpc.aio
import httpx
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tcm_common.auth.keys import key_environment
from tcm_common.auth.testing import TEST_ORIGIN
from tcm_common.testing.service_process import free_port

SERVICES = ("graphql", "rest", "grpc")
START_TIMEOUT_SECONDS = 90.0
STOP_TIMEOUT_SECONDS = 30.0


class ServiceStartError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class RunningService:
    name: str
    port: int
    log: Path
    # The service's process, for runs that stop it themselves (tcm_bench.reliability.shutdown).
    process: asyncio.subprocess.Process | None = field(default=None, compare=False, repr=False)
    # From the process's start to its first ready answer (what the load balancer asks).
    ready_seconds: float = field(default=0.0, compare=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"


def service_environment(database_url: str, port: int, keys: Mapping[str, str]) -> dict[str, str]:
    """What ECS gives a task (minus the secrets store), for the test environment."""
    inherited = {name: value for name, value in os.environ.items() if not name.startswith(("TCM_", "OTEL_"))}
    return {
        **inherited,
        "PYTHONPATH": os.pathsep.join(path for path in sys.path if path),
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": database_url,
        "TCM_ALLOWED_ORIGINS": TEST_ORIGIN,
        "TCM_HOST": "127.0.0.1",
        "TCM_PORT": str(port),
        **keys,
    }


async def _http_ready(service: RunningService) -> bool:
    async with httpx.AsyncClient(timeout=2) as client:
        try:
            return (await client.get(f"{service.base_url}/ready")).status_code == 200
        except httpx.TransportError:
            return False


async def _grpc_ready(service: RunningService) -> bool:
    async with grpc.aio.insecure_channel(service.target) as channel:
        try:
            response = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
        except grpc.aio.AioRpcError:
            return False
        return bool(response.status == health_pb2.HealthCheckResponse.SERVING)


async def is_ready(service: RunningService) -> bool:
    """What the load balancer asks: /ready for HTTP services, grpc.health.v1 Check for gRPC."""
    return await (_grpc_ready(service) if service.name == "grpc" else _http_ready(service))


def resident_megabytes(service: RunningService) -> float | None:
    """The process's resident memory now (Linux /proc), None when it cannot be read."""
    if service.process is None:
        return None
    try:
        status = Path(f"/proc/{service.process.pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024  # kB
    return None


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


async def _stop(process: asyncio.subprocess.Process, name: str) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), STOP_TIMEOUT_SECONDS)
    except TimeoutError:
        process.kill()
        await process.wait()
        print(f"warning: {name} did not stop within {STOP_TIMEOUT_SECONDS:.0f} s of SIGTERM; killed", file=sys.stderr)


@asynccontextmanager
async def _service(
    name: str, database_url: str, keys: Mapping[str, str], log_dir: Path, extra_env: Mapping[str, str]
) -> AsyncIterator[RunningService]:
    port = free_port()
    log_path = log_dir / f"{name}-{port}.log"
    environment = {**service_environment(database_url, port, keys), **extra_env}
    started = time.monotonic()
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", f"tcm_{name}", env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    service = RunningService(name, port, log_path, process)
    try:
        deadline = started + START_TIMEOUT_SECONDS
        while not await is_ready(service):
            if process.returncode is not None or time.monotonic() > deadline:
                raise ServiceStartError(
                    f"tcm_{name} did not become ready (exit code {process.returncode}):\n{_tail(service.log)}"
                )
            await asyncio.sleep(0.02)  # a benchmark's poll: the start-up time is one of its figures
        yield dataclasses.replace(service, ready_seconds=time.monotonic() - started)
    finally:
        await _stop(process, name)


@asynccontextmanager
async def running_services(
    database_url: str, names: tuple[str, ...] = SERVICES, extra_env: Mapping[str, str] | None = None
) -> AsyncIterator[dict[str, RunningService]]:
    """Starts the named services side by side (one key pair, as one deployment) and stops them at the end."""
    keys = key_environment("bench")
    with tempfile.TemporaryDirectory(prefix="tcm-bench-logs-") as log_dir:
        async with AsyncExitStack() as stack:
            # Every start settles (and is registered for stopping) before a failure of one is raised.
            outcomes = await asyncio.gather(
                *(
                    stack.enter_async_context(_service(name, database_url, keys, Path(log_dir), extra_env or {}))
                    for name in names
                ),
                return_exceptions=True,
            )
            for outcome in outcomes:
                if isinstance(outcome, BaseException):
                    raise outcome
            yield {service.name: service for service in outcomes if isinstance(service, RunningService)}
