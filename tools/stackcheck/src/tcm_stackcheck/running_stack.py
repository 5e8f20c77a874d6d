"""Starts `./dev` on free ports, waits until the edge answers, stops it with SIGINT."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tcm_common.testing.service_process import free_port

START_TIMEOUT_SECONDS = 900  # a clean HOME downloads every wheel and npm package once


@dataclass(frozen=True)
class Stack:
    edge: str
    grpc_target: str
    ports: tuple[int, ...]
    process: subprocess.Popen[bytes]


def _ready(edge: str) -> bool:
    try:
        response = httpx.post(f"{edge}/graphql", json={"query": "{ __typename }"}, timeout=2,
                              headers={"origin": edge})
        return response.status_code < 500 and httpx.get(f"{edge}/api/health", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


@contextmanager
def running_stack(clone: Path, environment: dict[str, str], log: Path) -> Iterator[Stack]:
    ports = tuple(free_port() for _ in range(4))
    arguments = ["--edge-port", "--rest-port", "--graphql-port", "--grpc-port"]
    command = ["./dev", *[f"{a}={p}" for a, p in zip(arguments, ports, strict=True)]]
    with log.open("ab") as output:
        process = subprocess.Popen(command, cwd=clone, env=environment, stdout=output, stderr=subprocess.STDOUT)
    stack = Stack(f"http://localhost:{ports[0]}", f"localhost:{ports[3]}", ports, process)
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not _ready(stack.edge):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the stack did not become ready; see {log}")
            time.sleep(1)
        yield stack
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        process.wait(timeout=120)


def leftover_processes(markers: tuple[str, ...]) -> list[str]:
    """Stack processes (services, edge, embedded PostgreSQL) whose command line holds one of the markers."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            commandline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        is_stack_process = " -m tcm_" in commandline or "postgres" in commandline
        if is_stack_process and any(marker in commandline for marker in markers):
            found.append(f"{proc.name}: {commandline.strip()}")
    return found


def bound_ports(ports: tuple[int, ...]) -> list[int]:
    """Ports a new server could not listen on (closed connections in TIME_WAIT don't count, as for any server)."""
    bound = []
    for port in ports:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                bound.append(port)
    return bound


def second_start_refused(clone: Path, environment: dict[str, str]) -> str:
    """Starts the stack again while it runs; returns what it said (it must exit 1 without binding)."""
    result = subprocess.run(
        ["./dev"], cwd=clone, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode != 0, "a second start should refuse to run"
    assert "already running" in result.stderr + result.stdout, result.stderr
    return result.stderr.strip().splitlines()[-1]
