"""Login throttling per username and per client address, kept in PostgreSQL for every instance.

Each key counts failures in a fixed window that starts at its first failure. Reaching the limit locks
the key for `lockout` and starts a fresh count; while locked, attempts are refused before any password
check. A successful login clears the username's count (not the address's: one valid account must not
let an address keep guessing others). Unknown usernames are throttled exactly like real ones, so a
lockout reveals nothing about which accounts exist.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import timedelta

from tcm_common.auth.login_attempts import MAX_RECORDED_USERNAME
from tcm_common.auth.ports import AuthStores, ThrottleScope

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ThrottleLimit:
    max_failures: int
    window: timedelta
    lockout: timedelta


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    per_username: ThrottleLimit = field(
        default_factory=lambda: ThrottleLimit(
            max_failures=5, window=timedelta(minutes=15), lockout=timedelta(minutes=15)
        )
    )
    # Higher, because many people can share one address (an office behind NAT).
    per_address: ThrottleLimit = field(
        default_factory=lambda: ThrottleLimit(
            max_failures=50, window=timedelta(minutes=15), lockout=timedelta(minutes=15)
        )
    )


def _subjects(username: str, address: str | None) -> list[tuple[ThrottleScope, str]]:
    subjects = [(ThrottleScope.USERNAME, username[:MAX_RECORDED_USERNAME])]
    if address:
        subjects.append((ThrottleScope.ADDRESS, address))
    return subjects


class LoginThrottle:
    def __init__(self, policy: ThrottlePolicy) -> None:
        self._limits = {
            ThrottleScope.USERNAME: policy.per_username,
            ThrottleScope.ADDRESS: policy.per_address,
        }

    async def retry_after(self, db: AuthStores, *, username: str, address: str | None) -> int | None:
        """Seconds until attempts for this username and address are allowed again; None when they are."""
        remaining = await db.throttle.seconds_locked(_subjects(username, address))
        return None if remaining is None else max(1, math.ceil(remaining))

    async def record_failure(self, db: AuthStores, *, username: str, address: str | None) -> None:
        """Counts one failure for each key; call inside a transaction (the row lock makes counts exact)."""
        for scope, subject in _subjects(username, address):
            limit = self._limits[scope]
            failures = await db.throttle.count_failure(scope, subject, limit.window)
            if failures >= limit.max_failures:
                await db.throttle.lock(scope, subject, limit.lockout)
                # The subject is not logged: a username field sometimes holds a mistyped password.
                logger.warning(
                    "login locked out for %s seconds (scope %s)", int(limit.lockout.total_seconds()), scope
                )

    async def clear_username(self, db: AuthStores, username: str) -> None:
        await db.throttle.clear(ThrottleScope.USERNAME, username[:MAX_RECORDED_USERNAME])
