"""Finds the contract's SDL, which lives in libs/contracts so that the SPA and tools read the same file.

From a checkout it is found above this package; in the PEX it is packaged as a resource under the same
relative path, at the root of one of the sys.path entries.
"""

from __future__ import annotations

import sys
from pathlib import Path

SDL_PATH = Path("libs", "contracts", "graphql", "schema.graphql")


def read_sdl() -> str:
    bases = [Path(entry) for entry in sys.path if entry] + list(Path(__file__).resolve().parents)
    for base in bases:
        candidate = base / SDL_PATH
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(f"{SDL_PATH} is neither on sys.path nor above {__file__}")
