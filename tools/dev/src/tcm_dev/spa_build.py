"""Builds the SPA when frontend/dist is missing or older than its sources."""

from __future__ import annotations

import subprocess
from pathlib import Path

_SOURCES = ("src", "public", "build", "index.html", "package.json", "package-lock.json", "vite.config.ts")


def _newest_source(frontend: Path) -> float:
    paths = [frontend / name for name in _SOURCES]
    files = [p for path in paths if path.exists() for p in ([path] if path.is_file() else path.rglob("*"))]
    return max((f.stat().st_mtime for f in files if f.is_file()), default=0.0)


def ensure_spa_built(frontend: Path) -> Path:
    dist = frontend / "dist"
    index = dist / "index.html"
    if index.exists() and index.stat().st_mtime >= _newest_source(frontend):
        return dist
    print("building the SPA (frontend/dist is missing or stale)", flush=True)
    if not (frontend / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=frontend, check=True)  # noqa: S607
    subprocess.run(["npm", "run", "build"], cwd=frontend, check=True)  # noqa: S607
    return dist
