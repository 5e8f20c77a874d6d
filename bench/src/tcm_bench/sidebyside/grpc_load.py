"""`python -m tcm_bench.sidebyside.grpc_load`: the shared gRPC load client, in a process of its own so that
the benchmark's own work does not share its event loop. Reads a JSON job on stdin (target, token, the
serialised requests as hex, concurrency, warm-up requests, passes, pass seconds); writes one JSON object
per pass to stdout."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
import sys
from typing import Any

import grpc.aio

from tcm_bench.load import run_requests
from tcm_bench.sidebyside.grpc_caller import RawSuiteCaller
from tcm_bench.sidebyside.measured import PassFigures

UNBOUNDED = 10**9


async def drive(job: dict[str, Any]) -> list[PassFigures]:
    requests = itertools.cycle([bytes.fromhex(request) for request in job["requests"]])
    concurrency = int(job["concurrency"])
    # One channel for every concurrent caller: gRPC multiplexes calls over one HTTP/2 connection.
    async with grpc.aio.insecure_channel(job["target"]) as channel:
        caller = RawSuiteCaller(channel, job["token"])

        async def call() -> None:
            await caller.get(next(requests))

        await run_requests(call, concurrency, int(job["warmup_requests"]), None)
        passes = []
        for _ in range(int(job["passes"])):
            window = await run_requests(call, concurrency, UNBOUNDED, float(job["pass_seconds"]))
            passes.append(
                PassFigures(
                    per_second=window.per_second,
                    p50_ms=window.latency.p50_ms,
                    p99_ms=window.latency.p99_ms,
                    completed=window.completed,
                    errors=window.error_count,
                )
            )
        return passes


def main() -> None:
    passes = asyncio.run(drive(json.load(sys.stdin)))
    for figures in passes:
        print(json.dumps(dataclasses.asdict(figures)), flush=True)


if __name__ == "__main__":
    main()
