"""The SPA's files, with the caching of production and the fallback to index.html for client routes."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from tcm_dev.asgi import Scope, Send, send_response

IMMUTABLE = "public, max-age=31536000, immutable"


def _resolve(site: Path, url_path: str) -> Path | None:
    candidate = (site / url_path.lstrip("/")).resolve()
    if candidate.is_relative_to(site.resolve()) and candidate.is_file():
        return candidate
    return None


async def serve_static(site: Path, scope: Scope, send: Send) -> None:
    path: str = scope["path"]
    found = _resolve(site, path)
    if found is None and "." not in path.rsplit("/", 1)[-1]:
        found = site / "index.html"  # a client-side route such as /suites/42
    if found is None or not found.is_file():
        await send_response(send, 404, b"not found", [(b"content-type", b"text/plain")])
        return
    content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    cache = "no-cache" if found.name == "index.html" else IMMUTABLE
    headers = [(b"content-type", content_type.encode()), (b"cache-control", cache.encode())]
    await send_response(send, 200, found.read_bytes(), headers)
