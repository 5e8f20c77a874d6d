"""What a peer process is told, by environment variables (as our services are told by TCM_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

DATABASE_URL = "BENCH_PEER_DATABASE_URL"
PORT = "BENCH_PEER_PORT"
# The organisation's time zone, where "today" is judged for delays (our services' TCM_TIME_ZONE).
TIME_ZONE = "BENCH_PEER_TIME_ZONE"
# The folder holding the standard protobuf modules generated at the benchmark's start (gRPC peers only).
PROTO_MODULES = "BENCH_PEER_PROTO_MODULES"
HOST = "127.0.0.1"
POOL_MIN_SIZE = 1
POOL_MAX_SIZE = 10  # our services' default pool


@dataclass(frozen=True, slots=True)
class PeerSettings:
    database_url: str
    port: int
    time_zone: ZoneInfo
    proto_modules: Path | None

    def today(self) -> date:
        return datetime.now(self.time_zone).date()


def peer_settings() -> PeerSettings:
    proto_modules = os.environ.get(PROTO_MODULES)
    return PeerSettings(
        database_url=os.environ[DATABASE_URL],
        port=int(os.environ[PORT]),
        time_zone=ZoneInfo(os.environ.get(TIME_ZONE, "UTC")),
        proto_modules=Path(proto_modules) if proto_modules else None,
    )


def peer_environment(database_url: str, port: int, proto_modules: Path | None = None) -> dict[str, str]:
    """The variables a peer process needs, on top of the parent's environment."""
    return {
        DATABASE_URL: database_url,
        PORT: str(port),
        TIME_ZONE: "UTC",
        **({PROTO_MODULES: str(proto_modules)} if proto_modules is not None else {}),
    }
