"""DATABASE_URL when set, otherwise an embedded PostgreSQL whose data survives restarts."""

from __future__ import annotations

import os
from pathlib import Path


def database_url(state: Path) -> str:
    explicit = os.environ.get("DATABASE_URL")
    if explicit:
        return explicit
    import pgserver

    data_dir = state / "postgres"
    data_dir.mkdir(exist_ok=True)
    # cleanup_mode="stop": the server stops when the last process using it exits.
    pgserver.get_server(data_dir, cleanup_mode="stop")  # type: ignore[attr-defined]
    return f"postgresql://postgres@/postgres?host={data_dir}"
