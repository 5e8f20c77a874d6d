"""Login throttling per username and per client address, kept in PostgreSQL for every instance.

Each key counts failures in a fixed window that starts at its first failure. Reaching the limit locks
the key for `lockout` and starts a fresh count; while locked, attempts are refused before any password
check. A successful login clears the username's count (not the address's: one valid account must not
let an address keep guessing others). Unknown usernames are throttled exactly like real ones, so a
lockout reveals nothing about which accounts exist.
"""

from __future__ import annotations

import enum
import logging
import math
from dataclasses import dataclass, field
from datetime import timedelta

from tcm_common.auth.login_attempts import MAX_RECORDED_USERNAME
from tcm_common.persistence.connection_types import DbConnection

logger = logging.getLogger(__name__)


class ThrottleScope(enum.StrEnum):
    USERNAME = "USERNAME"
    ADDRESS = "ADDRESS"


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

    async def retry_after(self, db: DbConnection, *, username: str, address: str | None) -> int | None:
        """Seconds until attempts for this username and address are allowed again; None when they are."""
        subjects = _subjects(username, address)
        remaining = await db.fetchval(
            """
            SELECT extract(epoch FROM max(locked_until) - now())
            FROM login_throttle
            WHERE (scope, subject) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND locked_until > now()
            """,
            [scope.value for scope, _ in subjects],
            [subject for _, subject in subjects],
        )
        return None if remaining is None else max(1, math.ceil(remaining))

    async def record_failure(self, db: DbConnection, *, username: str, address: str | None) -> None:
        """Counts one failure for each key; call inside a transaction (the row lock makes counts exact)."""
        for scope, subject in _subjects(username, address):
            limit = self._limits[scope]
            failures = await db.fetchval(
                """
                INSERT INTO login_throttle AS t (scope, subject, window_started_at, failures)
                VALUES ($1, $2, now(), 1)
                ON CONFLICT (scope, subject) DO UPDATE SET
                    failures = CASE WHEN t.window_started_at > now() - $3::interval
                                    THEN t.failures + 1 ELSE 1 END,
                    window_started_at = CASE WHEN t.window_started_at > now() - $3::interval
                                             THEN t.window_started_at ELSE now() END
                RETURNING failures
                """,
                scope.value,
                subject,
                limit.window,
            )
            if failures >= limit.max_failures:
                await db.execute(
                    """
                    UPDATE login_throttle
                    SET locked_until = now() + $3::interval, failures = 0, window_started_at = now()
                    WHERE scope = $1 AND subject = $2
                    """,
                    scope.value,
                    subject,
                    limit.lockout,
                )
                # The subject is not logged: a username field sometimes holds a mistyped password.
                logger.warning(
                    "login locked out for %s seconds (scope %s)", int(limit.lockout.total_seconds()), scope
                )

    async def clear_username(self, db: DbConnection, username: str) -> None:
        await db.execute(
            "DELETE FROM login_throttle WHERE scope = $1 AND subject = $2",
            ThrottleScope.USERNAME.value,
            username[:MAX_RECORDED_USERNAME],
        )
