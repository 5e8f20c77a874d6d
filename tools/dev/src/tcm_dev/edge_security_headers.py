"""The site's security headers, defined once in frontend/security-headers.json, sent by the local edge
as CloudFront's response headers policy sends them in AWS (infra/terraform/modules/frontend): on every
HTTP response, replacing the origin's own, except the headers the file lets an origin keep."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tcm_dev.asgi import Headers, Message

SECURITY_HEADERS_FILE = Path("frontend") / "security-headers.json"


@dataclass(frozen=True)
class SecurityHeaders:
    # ASGI header names are lower case.
    headers: tuple[tuple[bytes, bytes], ...]
    keep_origin_value: frozenset[bytes]

    @classmethod
    def load(cls, path: Path) -> SecurityHeaders:
        spec = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            headers=tuple((name.lower().encode(), value.encode()) for name, value in spec["headers"].items()),
            keep_origin_value=frozenset(name.lower().encode() for name in spec["keepOriginValue"]),
        )

    def apply(self, headers: Headers) -> Headers:
        """The response's headers with the site's in place of its own, except those it may keep."""
        present = {name.lower() for name, _ in headers}
        kept = self.keep_origin_value & present
        added = [(name, value) for name, value in self.headers if name not in kept]
        replaced = {name for name, _ in added}
        return [(name, value) for name, value in headers if name.lower() not in replaced] + added

    def secure(self, message: Message) -> Message:
        """An outgoing ASGI message, with the headers applied when it starts a response."""
        if message["type"] != "http.response.start":
            return message
        return {**message, "headers": self.apply(list(message.get("headers", [])))}
