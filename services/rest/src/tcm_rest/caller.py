"""The guard of every resource route: the caller must present valid credentials.

It runs before anything reads the body, so an anonymous caller learns nothing but 401.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from tcm_common.auth.authentication import Authentication
from tcm_common.domain.errors import Unauthenticated
from tcm_common.web.credentials import authenticate
from tcm_common.web.runtime import runtime_of

AnyConnection = ASGIConnection[Any, Any, Any, Any]
_STATE_KEY = "authentication"


async def require_authentication(connection: AnyConnection, _handler: BaseRouteHandler) -> None:
    authentication = await authenticate(connection, runtime_of(connection).auth)
    if authentication is None:
        raise Unauthenticated()
    connection.state[_STATE_KEY] = authentication


def authentication_of(connection: AnyConnection) -> Authentication:
    """What the guard found; only on routes behind it."""
    found: Authentication = connection.state[_STATE_KEY]
    return found
