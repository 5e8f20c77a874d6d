"""Finds the contract's SDL, which lives in libs/contracts so that the SPA and tools read the same file.

Looked up under the same relative path in: each sys.path entry (the PEX packages it as a resource at
the root of its sources), the working directory (a test sandbox, a run from the repository root), and
the folders above this package (a checkout).
"""

from __future__ import annotations

import sys
from pathlib import Path

SDL_PATH = Path("libs", "contracts", "graphql", "schema.graphql")


def read_sdl() -> str:
    bases = [Path(entry) for entry in sys.path if entry] + [Path.cwd(), *Path(__file__).resolve().parents]
    for base in bases:
        candidate = base / SDL_PATH
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(f"{SDL_PATH} is neither on sys.path nor above {__file__}")
