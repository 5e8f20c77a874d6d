"""CSRF guard for requests that a browser could send with the session cookies attached.

Apply it to every request that does not authenticate with an Authorization header: cookie-authenticated
calls and the login/refresh/logout calls. A state-changing request passes only with
  - an Origin in the allowed list (or, without an Origin header, `Sec-Fetch-Site: same-origin`), and
  - a JSON content type, which a cross-site HTML form cannot send without a CORS preflight.
GET, HEAD and OPTIONS pass: they never mutate anything. A WebSocket handshake (a GET) that will act
with the cookie should still pass `check_origin`, since browsers let any page open a WebSocket.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tcm_common.domain.errors import PermissionDenied

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
JSON_MEDIA_TYPE = "application/json"
REFUSED_MESSAGE = "cross-site request refused: send JSON from an allowed origin"


def _normalize_origin(origin: str) -> str:
    return origin.strip().rstrip("/").lower()


class CsrfGuard:
    def __init__(self, allowed_origins: Iterable[str]) -> None:
        self._allowed = frozenset(_normalize_origin(origin) for origin in allowed_origins)

    def check(self, method: str, headers: Mapping[str, str]) -> None:
        """Returns when the request may proceed; raises PermissionDenied (HTTP 403) otherwise."""
        if method.upper() in SAFE_METHODS:
            return
        self.check_origin(headers)
        content_type = next((value for name, value in headers.items() if name.lower() == "content-type"), "")
        if not _is_json(content_type):
            raise PermissionDenied(REFUSED_MESSAGE)

    def check_origin(self, headers: Mapping[str, str]) -> None:
        """Raises PermissionDenied unless the request comes from an allowed origin (whatever its method)."""
        lowered = {name.lower(): value for name, value in headers.items()}
        origin = lowered.get("origin")
        if origin is not None:
            # "null" (sandboxed frames, some redirects) is never in the list.
            allowed = _normalize_origin(origin) in self._allowed
        else:
            allowed = lowered.get("sec-fetch-site", "").strip().lower() == "same-origin"
        if not allowed:
            raise PermissionDenied(REFUSED_MESSAGE)


def _is_json(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == JSON_MEDIA_TYPE
