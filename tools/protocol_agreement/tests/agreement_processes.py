"""The three services as processes (`python -m tcm_<name>` from the sources), their logs collected."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import tcm_common
import tcm_contracts
import tcm_graphql
import tcm_grpc
import tcm_rest
from tcm_common.auth.keys import key_environment
from tcm_common.auth.testing import TEST_ORIGIN
from tcm_common.testing.service_process import answers_http, free_port, service_process


@dataclass
class ServiceProcess:
    name: str
    base_url: str  # http://host:port, or host:port for gRPC
    _lines: list[str] = field(default_factory=list)

    def log_messages(self) -> list[str]:
        """The lines the service wrote so far (JSON log lines, stderr and stdout merged)."""
        return list(self._lines)

    def wait_for_log(self, text: str, seconds: float = 5.0) -> None:
        """Polls the collected log (read by a thread) until a line holds `text`."""
        deadline = time.monotonic() + seconds
        while not any(text in line for line in self._lines):
            assert time.monotonic() < deadline, f"{self.name} never logged {text!r}: {self._lines}"
            time.sleep(0.02)


def _source_path() -> str:
    packages = (tcm_common, tcm_contracts, tcm_rest, tcm_graphql, tcm_grpc)
    return os.pathsep.join(sorted({str(Path(str(package.__file__)).resolve().parents[1]) for package in packages}))


def _accepts_connections(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def run_service(name: str, database_url: str, *, pool_max_size: int) -> Iterator[ServiceProcess]:
    port = free_port()
    environment = {
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": database_url,
        "TCM_DATABASE_POOL_MAX_SIZE": str(pool_max_size),
        "TCM_ALLOWED_ORIGINS": TEST_ORIGIN,
        "TCM_PORT": str(port),
        "PYTHONPATH": _source_path(),
        **key_environment(f"{name}-key"),
    }
    if name == "grpc":
        service = ServiceProcess(name, f"127.0.0.1:{port}")
        ready = lambda: _accepts_connections(port)  # noqa: E731
    else:
        service = ServiceProcess(name, f"http://127.0.0.1:{port}")
        ready = lambda: answers_http(f"{service.base_url}/health")  # noqa: E731
    command = [sys.executable, "-m", f"tcm_{name}"]
    with service_process(command, environment, ready) as process:
        reader = threading.Thread(target=_collect, args=(process, service._lines), daemon=True)
        reader.start()
        yield service


def _collect(process: subprocess.Popen[bytes], lines: list[str]) -> None:
    assert process.stdout is not None
    with contextlib.suppress(ValueError):  # service_process closes the pipe once the process has exited
        lines.extend(raw.decode(errors="replace") for raw in process.stdout)
