"""Drives one operation at a fixed concurrency: warm-up first, then a bounded measured window.

Nothing here judges the figures; a request that fails is counted by kind and left out of the latency.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable

from tcm_bench.figures import Latency, Measurement, RequestFailedError
from tcm_bench.profile import Budget

Call = Callable[[], Awaitable[None]]
"""One request; raises RequestFailedError when the answer is not the expected one."""


async def run_requests(call: Call, concurrency: int, requests: int, seconds: float | None) -> Measurement:
    """`concurrency` callers share `requests`; none starts a request after `seconds` (None: no time limit)."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    issued = 0
    started = time.perf_counter()
    deadline = None if seconds is None else started + seconds

    async def worker() -> None:
        nonlocal issued
        while issued < requests and (deadline is None or time.perf_counter() < deadline):
            issued += 1
            began = time.perf_counter()
            try:
                await call()
            except RequestFailedError as failure:
                errors[failure.kind] += 1
            else:
                latencies.append(time.perf_counter() - began)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - started
    return Measurement(
        completed=len(latencies),
        errors=dict(errors),
        wall_seconds=wall,
        latency=Latency.of(latencies),
        per_second=len(latencies) / wall if wall > 0 else float("nan"),
    )


async def measure(call: Call, concurrency: int, budget: Budget) -> Measurement:
    """Warm-up requests (at the same concurrency, not recorded), then the measured window."""
    if budget.warmup_requests:
        await run_requests(call, concurrency, budget.warmup_requests, None)
    return await run_requests(call, concurrency, budget.max_requests, budget.max_seconds)
