"""A fresh clone of this checkout's HEAD in a temporary folder, with a HOME of its own."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path


def fresh_clone(source: Path) -> tuple[Path, dict[str, str]]:
    workspace = Path(tempfile.mkdtemp(prefix="tcm-stackcheck-"))
    clone, home = workspace / "clone", workspace / "home"
    home.mkdir()
    subprocess.run(["git", "clone", "--quiet", str(source), str(clone)], check=True)  # noqa: S607
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TCM_", "PANTS_", "DATABASE_URL", "TEST_DATABASE_URL"))
    }
    environment["HOME"] = str(home)
    return clone, environment
