"""The three services as production runs them: each its own process (`python -m tcm_<name>`), configured
by environment variables only, started as every benchmark process is (`tcm_bench.process_start`)."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sys
import tempfile
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import grpc.aio
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tcm_bench.process_start import LocalServer, enter_together, http_ready, started_module
from tcm_common.auth.keys import key_environment
from tcm_common.auth.testing import TEST_ORIGIN
from tcm_common.testing.service_process import free_port

SERVICES = ("graphql", "rest", "grpc")


@dataclass(frozen=True, slots=True)
class RunningService(LocalServer):
    name: str
    port: int
    log: Path
    # The service's process, for runs that stop it themselves (tcm_bench.reliability.shutdown).
    process: asyncio.subprocess.Process | None = field(default=None, compare=False, repr=False)
    # From the process's start to its first ready answer (what the load balancer asks).
    ready_seconds: float = field(default=0.0, compare=False)


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


async def _grpc_ready(service: RunningService) -> bool:
    async with grpc.aio.insecure_channel(service.target) as channel:
        try:
            response = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=2)
        except grpc.aio.AioRpcError:
            return False
        return bool(response.status == health_pb2.HealthCheckResponse.SERVING)


async def is_ready(service: RunningService) -> bool:
    """What the load balancer asks: /ready for HTTP services, grpc.health.v1 Check for gRPC."""
    return await (_grpc_ready(service) if service.name == "grpc" else http_ready(service.base_url))


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


@asynccontextmanager
async def started_service(
    name: str, database_url: str, keys: Mapping[str, str], log_dir: Path, extra_env: Mapping[str, str]
) -> AsyncIterator[RunningService]:
    """`python -m tcm_<name>` on a free port, once it answers ready; `extra_env` on top of the test settings."""
    port = free_port()
    service = RunningService(name, port, log_dir / f"{name}-{port}.log")
    environment = {**service_environment(database_url, port, keys), **extra_env}
    async with started_module(f"tcm_{name}", environment, service.log, lambda: is_ready(service)) as started:
        yield dataclasses.replace(service, process=started.process, ready_seconds=started.ready_seconds)


@asynccontextmanager
async def running_services(
    database_url: str, names: tuple[str, ...] = SERVICES, extra_env: Mapping[str, str] | None = None
) -> AsyncIterator[dict[str, RunningService]]:
    """Starts the named services side by side (one key pair, as one deployment) and stops them at the end."""
    keys = key_environment("bench")
    with tempfile.TemporaryDirectory(prefix="tcm-bench-logs-") as log_dir:
        async with AsyncExitStack() as stack:
            services = await enter_together(
                stack, (started_service(name, database_url, keys, Path(log_dir), extra_env or {}) for name in names)
            )
            yield {service.name: service for service in services}
