"""The environment a REST process needs, as ECS gives it (minus the secrets store)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import tcm_common
import tcm_rest
from tcm_common.auth.keys import key_environment
from tcm_common.auth.testing import TEST_ORIGIN


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
