"""OPTIONS answers with every method of the route.

Litestar 2.25 builds the automatic OPTIONS handler when a route gets its first handler and keeps it
when more methods join the same path, so its Allow header names only that first method. The route
itself knows all of them; this hook puts them in the header.
"""

from __future__ import annotations

from litestar.datastructures import MutableScopeHeaders
from litestar.routes import HTTPRoute
from litestar.types import Message, Scope


async def allow_every_method_of_the_route(message: Message, scope: Scope) -> None:
    if message["type"] != "http.response.start" or scope.get("method") != "OPTIONS":
        return
    template = scope.get("path_template")
    methods = next(
        (
            route.methods
            for route in scope["litestar_app"].routes
            if isinstance(route, HTTPRoute) and route.path_format == template
        ),
        None,
    )
    if methods:
        MutableScopeHeaders.from_message(message)["allow"] = ", ".join(sorted(methods))
