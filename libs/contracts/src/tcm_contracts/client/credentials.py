"""Bearer-token metadata: `authorization: Bearer <access token or API token>`."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeAlias

Metadata: TypeAlias = Sequence[tuple[str, str]]
TokenSource: TypeAlias = str | Callable[[], str | Awaitable[str]]
"""A fixed token, or a function (plain or async) asked for the current token before every call."""

AUTHORIZATION = "authorization"


async def resolve_token(source: TokenSource) -> str:
    if isinstance(source, str):
        return source
    token = source()
    if inspect.isawaitable(token):
        token = await token
    return token


async def call_metadata(token: TokenSource | None, *parts: Metadata) -> tuple[tuple[str, str], ...]:
    """The metadata of one call: the bearer token (when there is one), then the given parts in order."""
    metadata: list[tuple[str, str]] = []
    if token is not None:
        metadata.append((AUTHORIZATION, f"Bearer {await resolve_token(token)}"))
    for part in parts:
        metadata.extend(part)
    return tuple(metadata)
