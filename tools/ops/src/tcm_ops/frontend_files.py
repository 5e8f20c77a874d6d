"""What each file of the built SPA is uploaded as: its key, Content-Type and Cache-Control.

- Files under `assets/` whose name carries a content hash (Vite: `name-<8+ chars>.ext`) never change
  under that name: `public, max-age=31536000, immutable`.
- Everything else (`index.html`, `favicon.ico`, files from `public/`) may change under the same name:
  `no-cache`, so browsers and CloudFront revalidate on every use.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from tcm_ops.errors import OpsError

IMMUTABLE: Final = "public, max-age=31536000, immutable"
NO_CACHE: Final = "no-cache"
INDEX: Final = "index.html"

_HASHED = re.compile(r"[-.][A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$")
_CONTENT_TYPES: Final = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".wasm": "application/wasm",
}


@dataclass(frozen=True)
class UploadFile:
    path: Path
    key: str
    content_type: str
    cache_control: str


def content_type_for(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in _CONTENT_TYPES:
        return _CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def is_hashed_asset(key: str) -> bool:
    return key.startswith("assets/") and _HASHED.search(key) is not None


def plan_upload(dist: Path) -> list[UploadFile]:
    """All files of `dist` in upload order: hashed assets, then other files, `index.html` last."""
    if not (dist / INDEX).is_file():
        raise OpsError(f"{dist / INDEX} does not exist: build the frontend first")
    files = []
    for path in sorted(p for p in dist.rglob("*") if p.is_file()):
        key = path.relative_to(dist).as_posix()
        cache = IMMUTABLE if is_hashed_asset(key) else NO_CACHE
        files.append(UploadFile(path, key, content_type_for(key), cache))

    def order(f: UploadFile) -> tuple[int, str]:
        return (2 if f.key == INDEX else 0 if f.cache_control == IMMUTABLE else 1, f.key)

    return sorted(files, key=order)
