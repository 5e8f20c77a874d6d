"""Where the local stack finds the repository and keeps its database, keys and lock."""

from __future__ import annotations

import os
from pathlib import Path


def repository_root() -> Path:
    # `pants run` starts us in the repository root.
    return Path(os.environ.get("TCM_DEV_REPOSITORY") or Path.cwd())


def state_dir() -> Path:
    """The git-ignored .dev/ folder (TCM_DEV_HOME moves it)."""
    path = Path(os.environ.get("TCM_DEV_HOME") or repository_root() / ".dev")
    path.mkdir(parents=True, exist_ok=True)
    return path
