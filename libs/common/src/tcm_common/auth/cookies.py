"""Cookie policy for browser sessions: names, attributes and lifetimes, rendered framework-neutrally.

Both cookies use Path=/ because the refresh call reaches two services (/graphql and /api/v1/auth), so
both carry the `__Host-` prefix: the browser then insists on Secure, Path=/ and no Domain. A service
sets each `CookieSpec` through its framework, or sends `header_value()` as a Set-Cookie header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from tcm_common.settings import AuthSettings, Environment, SettingsError

ACCESS_COOKIE = "__Host-tcm_access"
REFRESH_COOKIE = "__Host-tcm_refresh"
# Browsers drop prefixed cookies that are not Secure, so plain http development uses plain names.
INSECURE_ACCESS_COOKIE = "tcm_access"
INSECURE_REFRESH_COOKIE = "tcm_refresh"
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True, slots=True)
class CookieSpec:
    name: str
    value: str = field(repr=False)
    max_age: int
    secure: bool
    path: str = "/"
    http_only: bool = True
    same_site: str = "Strict"

    def header_value(self) -> str:
        parts = [f"{self.name}={self.value}", f"Max-Age={self.max_age}", f"Path={self.path}"]
        if self.max_age == 0:
            # Clients that ignore Max-Age still drop a cookie whose Expires lies in the past.
            parts.append("Expires=Thu, 01 Jan 1970 00:00:00 GMT")
        if self.secure:
            parts.append("Secure")
        if self.http_only:
            parts.append("HttpOnly")
        parts.append(f"SameSite={self.same_site}")
        return "; ".join(parts)


class CookiePolicy:
    def __init__(self, *, secure: bool = True) -> None:
        self.secure = secure
        self.access_cookie_name = ACCESS_COOKIE if secure else INSECURE_ACCESS_COOKIE
        self.refresh_cookie_name = REFRESH_COOKIE if secure else INSECURE_REFRESH_COOKIE

    @classmethod
    def from_settings(cls, environment: Environment, auth: AuthSettings) -> CookiePolicy:
        if not auth.cookie_secure:
            problem = _insecure_cookie_problem(environment, auth.allowed_origins)
            if problem is not None:
                raise SettingsError([problem])
        return cls(secure=auth.cookie_secure)

    def session_cookies(
        self,
        *,
        access_token: str,
        access_expires_at: datetime,
        refresh_token: str,
        refresh_expires_at: datetime,
        now: datetime,
    ) -> tuple[CookieSpec, CookieSpec]:
        """The access and refresh cookies, each living exactly as long as its token."""
        return (
            self._cookie(self.access_cookie_name, access_token, _seconds_until(access_expires_at, now)),
            self._cookie(self.refresh_cookie_name, refresh_token, _seconds_until(refresh_expires_at, now)),
        )

    def clearing_cookies(self) -> tuple[CookieSpec, CookieSpec]:
        return (self._cookie(self.access_cookie_name, "", 0), self._cookie(self.refresh_cookie_name, "", 0))

    def _cookie(self, name: str, value: str, max_age: int) -> CookieSpec:
        return CookieSpec(name=name, value=value, max_age=max_age, secure=self.secure)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(0, int((moment - now).total_seconds()))


def _insecure_cookie_problem(environment: Environment, allowed_origins: tuple[str, ...]) -> str | None:
    if environment is not Environment.DEVELOPMENT:
        return "TCM_COOKIE_SECURE=false is allowed only when TCM_ENVIRONMENT=development"
    remote = [origin for origin in allowed_origins if urlsplit(origin).hostname not in _LOOPBACK_HOSTS]
    if remote:
        return (
            "TCM_COOKIE_SECURE=false is allowed only for local development on http://localhost, "
            f"but TCM_ALLOWED_ORIGINS includes {', '.join(remote)}"
        )
    return None
