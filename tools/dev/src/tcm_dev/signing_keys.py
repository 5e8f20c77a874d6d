"""A development signing key pair, made on first run and kept in the state folder (never committed)."""

from __future__ import annotations

import json
from pathlib import Path

from tcm_common.auth.keys import key_environment

DEV_KEY_ID = "local-dev"


def signing_key_environment(state: Path) -> dict[str, str]:
    path = state / "signing-keys.json"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(json.dumps(key_environment(DEV_KEY_ID)))
    environment: dict[str, str] = json.loads(path.read_text())
    return environment
