"""The machine the figures were measured on, stated with them."""

from __future__ import annotations

import os
import platform
from pathlib import Path

import asyncpg

from tcm_bench.figures import Machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"), float("nan"), float("nan"))


async def describe_machine(database_url: str) -> Machine:
    connection = await asyncpg.connect(database_url)
    try:
        postgres = str(await connection.fetchval("SHOW server_version"))
    finally:
        await connection.close()
    return Machine(
        cores=os.cpu_count() or 0,
        usable_cores=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0,
        cpu_model=_cpu_model(),
        python=platform.python_version(),
        postgres=postgres,
        load_average_before=load_average(),
    )
