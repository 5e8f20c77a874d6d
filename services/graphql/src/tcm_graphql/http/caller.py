"""Who calls, for GraphQL. A refused Authorization header refuses the request (a tool must hear that
its token is bad); a refused cookie only makes the caller anonymous, so that `login` and
`refreshSession` still work for a browser whose access cookie went stale."""

from __future__ import annotations

from litestar.connection import ASGIConnection

from tcm_common.auth.authentication import Authentication
from tcm_common.auth.wiring import AuthServices
from tcm_common.domain.errors import Unauthenticated
from tcm_common.web.credentials import authenticate


async def caller_of(connection: ASGIConnection, auth: AuthServices) -> Authentication | None:  # type: ignore[type-arg]
    try:
        return await authenticate(connection, auth)
    except Unauthenticated:
        if "authorization" in connection.headers:
            raise
        return None
