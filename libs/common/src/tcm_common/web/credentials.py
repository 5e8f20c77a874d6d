"""Request credentials -> Authentication, through the shared Authenticator.

Accepted: `Authorization: Bearer <access token | API token>` or the access cookie (the header wins).
"""

from __future__ import annotations

from litestar.connection import ASGIConnection

from tcm_common.auth.authentication import Authentication
from tcm_common.auth.wiring import AuthServices


async def authenticate(connection: ASGIConnection, auth: AuthServices) -> Authentication | None:  # type: ignore[type-arg]
    """None when the request carries no credential; Unauthenticated when the one it carries is refused."""
    authorization = connection.headers.get("authorization")
    access_cookie = connection.cookies.get(auth.cookies.access_cookie_name)
    if authorization is None and not access_cookie:
        return None
    return await auth.authenticator.authenticate(authorization=authorization, access_cookie=access_cookie)


def refresh_cookie(connection: ASGIConnection, auth: AuthServices) -> str | None:  # type: ignore[type-arg]
    """The refresh token the browser sent, for refresh and logout."""
    return connection.cookies.get(auth.cookies.refresh_cookie_name) or None
