"""Start-up time and memory of each service: ready within a second of its process starting, and its
resident memory after the load runs (the targets of docs/decisions and issue #18 are read off these)."""

from __future__ import annotations

import statistics

from tcm_bench.figures import Footprint
from tcm_bench.services import RunningService, resident_megabytes, running_services


async def start_times(database_url: str, names: tuple[str, ...], starts: int) -> dict[str, tuple[float, ...]]:
    """Each service started alone, `starts` times: seconds from its process's start to ready."""
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(starts):
        for name in names:
            async with running_services(database_url, (name,)) as started:
                times[name].append(started[name].ready_seconds)
    return {name: tuple(seconds) for name, seconds in times.items()}


def memory_after_load(services: dict[str, RunningService]) -> dict[str, float | None]:
    return {name: resident_megabytes(service) for name, service in services.items()}


def footprints(starts: dict[str, tuple[float, ...]], memory: dict[str, float | None]) -> list[Footprint]:
    return [
        Footprint(
            service=name,
            ready_seconds=seconds,
            median_ready_seconds=statistics.median(seconds),
            rss_after_load_mb=memory.get(name),
        )
        for name, seconds in starts.items()
    ]
