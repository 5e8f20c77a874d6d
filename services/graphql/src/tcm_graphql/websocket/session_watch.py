"""Keeps a WebSocket honest about its session: it ends when the credential expires, or when a periodic
re-check finds the session revoked (logout, revocation, password or role change, disabled user)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from tcm_common.auth.authentication import Authentication
from tcm_common.domain.errors import Unauthenticated


async def session_end(
    expires_at: datetime, recheck: Callable[[], Awaitable[Authentication | None]], every_seconds: float
) -> str:
    """Returns, with the reason, once the session is no longer valid."""
    while True:
        remaining = (expires_at - datetime.now(UTC)).total_seconds()
        if remaining <= 0:
            return "session expired"
        await asyncio.sleep(min(every_seconds, remaining))
        if datetime.now(UTC) >= expires_at:
            return "session expired"
        try:
            if await recheck() is None:
                return "session ended"
        except Unauthenticated:
            return "session ended"
