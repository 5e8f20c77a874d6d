"""Starts a service process for a test, waits until it answers, and stops it with SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def python311() -> str:
    """The real interpreter behind this test's (possibly virtual) environment."""
    return getattr(sys, "_base_executable", sys.executable)


@contextmanager
def service_process(
    command: Sequence[str],
    env: Mapping[str, str],
    is_ready: Callable[[], bool],
    timeout: float = 60.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """Yields the running process once `is_ready()` is true; on exit sends SIGTERM and expects exit code 0."""
    process = subprocess.Popen(
        list(command),
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + timeout
        while not is_ready():
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                raise AssertionError(f"{command} did not become ready (exit {process.returncode}):\n{output}")
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            exit_code = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        finally:
            if process.stdout:
                process.stdout.close()
    assert exit_code == 0, f"{command} exited with {exit_code}"


def answers_http(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.TransportError:
        return False


def packaged_pex(service: str) -> str:
    """The service's PEX that Pants put into the test sandbox (a runtime_package_dependency)."""
    from pathlib import Path

    found = sorted(Path("services", service).glob(f"tcm-{service}-*.pex"))
    assert len(found) == 1, f"expected one packaged PEX for {service}, found {found}"
    return str(found[0])
