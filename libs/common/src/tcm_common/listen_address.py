"""Where a service listens: TCM_HOST and TCM_PORT, with the service's own default port."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from tcm_common.settings import SettingsError


@dataclass(frozen=True, slots=True)
class ListenAddress:
    host: str
    port: int

    @classmethod
    def from_env(cls, default_port: int, env: Mapping[str, str] = os.environ) -> ListenAddress:
        raw_port = env.get("TCM_PORT", str(default_port))
        if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
            raise SettingsError([f"TCM_PORT must be a TCP port number (1-65535), got {raw_port!r}"])
        # Loopback unless told otherwise: containers set TCM_HOST=0.0.0.0 in their image.
        return cls(host=env.get("TCM_HOST", "127.0.0.1"), port=int(raw_port))
