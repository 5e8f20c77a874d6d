"""Puts the session cookies that tcm_common.auth decides (CookieSpec) on a Litestar response."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, cast

from litestar import Response
from litestar.datastructures import Cookie

from tcm_common.auth.cookies import CookieSpec

_SameSite = Literal["lax", "strict", "none"]


def to_cookie(spec: CookieSpec) -> Cookie:
    return Cookie(
        key=spec.name,
        value=spec.value,
        max_age=spec.max_age,
        path=spec.path,
        secure=spec.secure,
        httponly=spec.http_only,
        samesite=cast(_SameSite, spec.same_site.lower()),
    )


def set_cookies(response: Response[Any], specs: Iterable[CookieSpec]) -> None:
    """Sets (or, with max_age 0, clears) each cookie; used for login, refresh and logout."""
    for spec in specs:
        response.set_cookie(to_cookie(spec))
