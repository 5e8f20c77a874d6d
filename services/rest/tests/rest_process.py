"""The environment a REST process needs, as ECS gives it (minus the secrets store)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tcm_common
import tcm_rest
from tcm_common.auth.keys import key_environment
from tcm_common.auth.testing import TEST_ORIGIN
from tcm_common.testing.service_process import answers_http, free_port, service_process


def service_environment(database_url: str, port: int) -> dict[str, str]:
    return {
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": database_url,
        "TCM_ALLOWED_ORIGINS": TEST_ORIGIN,
        "TCM_PORT": str(port),
        **key_environment("process-key"),
    }


def source_path() -> str:
    """PYTHONPATH for `python -m tcm_rest` from the sources this test imports."""
    roots = {str(Path(str(package.__file__)).resolve().parents[1]) for package in (tcm_common, tcm_rest)}
    return os.pathsep.join(sorted(roots))


def module_command() -> list[str]:
    return [sys.executable, "-m", "tcm_rest"]


@contextmanager
def exporting_rest_process(
    database_url: str, otlp_endpoint: str, **extra_environment: str
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`python -m tcm_rest` exporting its telemetry to `otlp_endpoint`; yields the process and its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        **service_environment(database_url, port),
        "OTEL_EXPORTER_OTLP_ENDPOINT": otlp_endpoint,
        "PYTHONPATH": source_path(),
        **extra_environment,
    }
    with service_process(module_command(), environment, lambda: answers_http(f"{base}/health")) as process:
        yield process, base
