"""The git-ignored folder where the local stack keeps its database, keys and lock."""

from __future__ import annotations

import os
from pathlib import Path


def state_dir() -> Path:
    # `pants run` starts us in the repository root; TCM_DEV_HOME moves the state elsewhere.
    path = Path(os.environ.get("TCM_DEV_HOME") or Path.cwd() / ".dev")
    path.mkdir(parents=True, exist_ok=True)
    return path
