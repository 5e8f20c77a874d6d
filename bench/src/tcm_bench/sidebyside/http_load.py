"""HTTP load: wrk (a C load generator, so that the client is not the bottleneck) with a Lua script that
sends the bearer token and cycles through the requests (GETs, or POSTs with a JSON body for GraphQL).
Without wrk the benchmark says so and falls back to httpx in this process (a Python client on the same
cores: figures far below the servers' own)."""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tcm_bench.figures import RequestFailedError
from tcm_bench.http_clients import RestCaller, http_client
from tcm_bench.load import run_requests
from tcm_bench.sidebyside.measured import PassFigures

WRK_INSTALL_HINT = "apt-get update && apt-get install -y wrk"
WRK_TIMEOUT = "30s"
UNBOUNDED = 10**9
# Written by the script's done(): requests, duration (us), non-2xx, socket errors, p50 and p99 (us).
RESULT_LINE = re.compile(r"^TCM_WRK (\d+) (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)$", re.MULTILINE)
REQUESTS_PER_SECOND = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)

LUA = """
wrk.headers["Authorization"] = "Bearer %(token)s"
-- wrk.format uses the headers it is given instead of wrk.headers: a POST names the token again.
local json_headers = { ["Authorization"] = wrk.headers["Authorization"], ["Content-Type"] = "application/json" }
local requests = { %(requests)s }
local counter = 0
request = function()
  counter = counter + 1
  local chosen = requests[(counter %% #requests) + 1]
  if chosen[2] then
    return wrk.format("POST", chosen[1], json_headers, chosen[2])
  end
  return wrk.format("GET", chosen[1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("TCM_WRK %%d %%d %%d %%d %%.1f %%.1f\\n", summary.requests, summary.duration,
    e.status, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass(frozen=True, slots=True)
class HttpRequest:
    path: str
    # A JSON body makes it a POST (GraphQL); None a GET.
    body: bytes | None = None

    @property
    def method(self) -> str:
        return "GET" if self.body is None else "POST"

    def lua(self) -> str:
        """{path} for a GET, {path, body} for a POST (the body a long bracket string: the JSON's quotes
        and backslashes stay as they are)."""
        if self.body is None:
            return f'{{"{self.path}"}}'
        return f'{{"{self.path}", [==[{self.body.decode()}]==]}}'


def gets(paths: Sequence[str]) -> list[HttpRequest]:
    return [HttpRequest(path) for path in paths]


def find_wrk(*, install: bool) -> str | None:
    """wrk's path; when missing and `install`, installs it with apt-get first (as root only)."""
    found = shutil.which("wrk")
    if found or not install:
        return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return None
    print(f"... wrk is missing: {WRK_INSTALL_HINT}", file=sys.stderr, flush=True)
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "wrk"]):
        if subprocess.run(command, capture_output=True, check=False).returncode != 0:  # - fixed commands
            return None
    return shutil.which("wrk")


def parse_wrk(output: str) -> PassFigures:
    match = RESULT_LINE.search(output)
    throughput = REQUESTS_PER_SECOND.search(output)
    if match is None or throughput is None:
        raise RuntimeError(f"wrk printed no result:\n{output[-2000:]}")
    requests, duration_us, non_2xx, socket_errors = (int(match.group(n)) for n in range(1, 5))
    successes = requests - non_2xx
    return PassFigures(
        # wrk's own Requests/sec counts every answer; ours counts successes only (the same when all are).
        per_second=successes / (duration_us / 1e6) if duration_us else float(throughput.group(1)),
        p50_ms=float(match.group(5)) / 1000,
        p99_ms=float(match.group(6)) / 1000,
        completed=successes,
        errors=non_2xx + socket_errors,
    )


class HttpLoad:
    """Warm-up through httpx (a fixed number of requests), then the measured passes (wrk or httpx)."""

    def __init__(self, wrk: str | None, token: str) -> None:
        self.wrk = wrk
        self._token = token

    @property
    def tool(self) -> str:
        return "wrk" if self.wrk else "httpx in the benchmark's process (wrk missing)"

    async def _httpx_window(
        self, base_url: str, requests: Sequence[HttpRequest], concurrency: int, count: int, seconds: float | None
    ) -> PassFigures:
        cycle = itertools.cycle(requests)
        async with http_client(base_url, concurrency) as client:
            caller = RestCaller(client, self._token)

            async def call() -> None:
                request = next(cycle)
                await caller.send(request.method, request.path, request.body)

            window = await run_requests(call, concurrency, count, seconds)
        return PassFigures(
            window.per_second, window.latency.p50_ms, window.latency.p99_ms, window.completed, window.error_count
        )

    @staticmethod
    async def _wrk_window(wrk: str, base_url: str, script: Path, concurrency: int, seconds: int) -> PassFigures:
        threads = min(concurrency, os.cpu_count() or 1)
        process = await asyncio.create_subprocess_exec(
            wrk, f"-t{threads}", f"-c{concurrency}", f"-d{seconds}s", f"--timeout={WRK_TIMEOUT}", "--latency",
            "-s", str(script), base_url,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        output, _ = await process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"wrk exited with {process.returncode}:\n{output.decode(errors='replace')[-2000:]}")
        return parse_wrk(output.decode(errors="replace"))

    async def measure(
        self,
        base_url: str,
        requests: Sequence[HttpRequest],
        concurrency: int,
        warmup_requests: int,
        passes: int,
        seconds: int,
    ) -> list[PassFigures]:
        warmup = await self._httpx_window(base_url, requests, concurrency, warmup_requests, None)
        if warmup.errors:
            raise RequestFailedError("warm-up failed", f"{warmup.errors} errors on {base_url}{requests[0].path}")
        wrk = self.wrk
        if wrk is None:
            return [
                await self._httpx_window(base_url, requests, concurrency, UNBOUNDED, float(seconds))
                for _ in range(passes)
            ]
        with tempfile.TemporaryDirectory(prefix="tcm-wrk-") as folder:
            script = Path(folder) / "bearer.lua"
            listed = ",\n  ".join(request.lua() for request in requests)
            script.write_text(LUA % {"token": self._token, "requests": listed})
            return [await self._wrk_window(wrk, base_url, script, concurrency, seconds) for _ in range(passes)]
