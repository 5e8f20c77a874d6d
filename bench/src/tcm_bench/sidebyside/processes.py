"""Every contender as its own process, started as every benchmark process is (`tcm_bench.process_start`):
our services as tcm_bench.services starts them, with the tracing their contender names; each peer as
`python -m tcm_bench.peers.<module>` with the BENCH_PEER_* variables."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tcm_bench.peers.settings import peer_environment
from tcm_bench.process_start import LocalServer, enter_together, grpc_channel_ready, http_ready, started_module
from tcm_bench.services import started_service
from tcm_bench.sidebyside.contenders import Contender, Tracing
from tcm_common.auth.keys import key_environment
from tcm_common.testing.service_process import free_port

# Production's share of traces begun at a service (Terraform's trace_sample_ratio; docs/telemetry.md).
PRODUCTION_SAMPLE_RATIO = "0.05"


@dataclass(frozen=True, slots=True)
class Endpoint(LocalServer):
    contender: Contender
    port: int
    process: asyncio.subprocess.Process | None = field(default=None, compare=False, repr=False)


def tracing_environment(tracing: Tracing, otlp_endpoint: str) -> dict[str, str]:
    """Production: the ratio sampler at production's rate, spans exported to `otlp_endpoint` (the batch
    processor's defaults, as production has them). Off: nothing recorded, no exporter."""
    if tracing is Tracing.PRODUCTION:
        return {"TCM_TRACE_SAMPLE_RATIO": PRODUCTION_SAMPLE_RATIO, "OTEL_EXPORTER_OTLP_ENDPOINT": otlp_endpoint}
    return {"TCM_TRACE_SAMPLE_RATIO": "0"}


@asynccontextmanager
async def _ours(
    contender: Contender, database_url: str, keys: Mapping[str, str], log_dir: Path, otlp_endpoint: str
) -> AsyncIterator[Endpoint]:
    if contender.service is None:
        raise ValueError(f"{contender.key} is a peer, not one of our services")
    environment = tracing_environment(contender.tracing, otlp_endpoint)
    async with started_service(contender.service, database_url, keys, log_dir, environment) as service:
        yield Endpoint(contender, service.port, service.process)


@asynccontextmanager
async def _peer(contender: Contender, database_url: str, proto_modules: Path, log_dir: Path) -> AsyncIterator[Endpoint]:
    if contender.module is None:
        raise ValueError(f"{contender.key} is one of our services, not a peer")
    port = free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(path for path in sys.path if path),
        **peer_environment(database_url, port, proto_modules if contender.grpc else None),
    }
    endpoint = Endpoint(contender, port)
    ready = (lambda: grpc_channel_ready(endpoint.target)) if contender.grpc else (lambda: http_ready(endpoint.base_url))
    async with started_module(contender.module, environment, log_dir / f"{contender.key}-{port}.log", ready) as started:
        yield Endpoint(contender, port, started.process)


@asynccontextmanager
async def running_contenders(
    database_url: str, contenders: Sequence[Contender], proto_modules: Path, otlp_endpoint: str
) -> AsyncIterator[dict[str, Endpoint]]:
    """Starts every contender side by side (ours with one key pair, as one deployment) and stops them at the end."""
    keys = key_environment("bench")
    with tempfile.TemporaryDirectory(prefix="tcm-sidebyside-logs-") as folder:
        log_dir = Path(folder)
        async with AsyncExitStack() as stack:
            endpoints = await enter_together(
                stack,
                (
                    _ours(contender, database_url, keys, log_dir, otlp_endpoint)
                    if contender.service is not None
                    else _peer(contender, database_url, proto_modules, log_dir)
                    for contender in contenders
                ),
            )
            yield {endpoint.contender.key: endpoint for endpoint in endpoints}


def stop_all_at_once(endpoints: Iterable[Endpoint]) -> None:
    """SIGTERM to every process now, so that they stop together rather than one after the other when their
    contexts close (a second SIGTERM, sent there, makes ours skip the drain that a load balancer needs)."""
    for endpoint in endpoints:
        if endpoint.process is not None and endpoint.process.returncode is None:
            endpoint.process.send_signal(signal.SIGTERM)
