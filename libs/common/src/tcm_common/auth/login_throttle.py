"""Login throttling, kept in PostgreSQL for every instance, on three keys (docs/reliability.md):

- the username-and-address pair, with exponential backoff: after a few free failures each further one
  locks the pair for twice as long as the one before (up to a cap). Failures from one address slow
  that address down on that username only: the user still signs in from anywhere else.
- the username, a ceiling: more failures than one address can make within its window under the
  backoff, so only guessing from many addresses at once locks the username everywhere.
- the client address, a ceiling: one address spraying many usernames is locked out.

The ceilings count failures in a fixed window that starts at the first failure; reaching the limit locks
the key for `lockout` and starts a fresh count. While any key is locked, attempts are refused before any
password check. A successful login clears the username's and the pair's counts (not the address's: one
valid account must not let an address keep guessing others). Unknown usernames are throttled exactly
like real ones, so a lockout reveals nothing about which accounts exist.
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
class BackoffLimit:
    """`free_failures` within `window` cost nothing; the n-th failure after them locks for
    `first_delay` * 2^(n-1), at most `max_delay`."""

    free_failures: int
    first_delay: timedelta
    max_delay: timedelta
    window: timedelta

    def delay_after(self, failures: int) -> timedelta | None:
        beyond = failures - self.free_failures
        if beyond <= 0:
            return None
        # The exponent is bounded before it is used: 2**40 seconds is far past any cap.
        return min(self.first_delay * (1 << min(beyond - 1, 40)), self.max_delay)


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    # 3 free failures, then 1 s, 2 s, 4 s ... 15 min: about 13 failures per address and username per
    # window at most, below the username ceiling, which therefore takes several addresses to reach.
    per_pair: BackoffLimit = field(
        default_factory=lambda: BackoffLimit(
            free_failures=3,
            first_delay=timedelta(seconds=1),
            max_delay=timedelta(minutes=15),
            window=timedelta(minutes=15),
        )
    )
    per_username: ThrottleLimit = field(
        default_factory=lambda: ThrottleLimit(
            max_failures=20, window=timedelta(minutes=15), lockout=timedelta(minutes=15)
        )
    )
    # Higher, because many people can share one address (an office behind NAT).
    per_address: ThrottleLimit = field(
        default_factory=lambda: ThrottleLimit(
            max_failures=50, window=timedelta(minutes=15), lockout=timedelta(minutes=15)
        )
    )


def _pair(username: str, address: str) -> str:
    # The unit separator cannot appear in a normalized username.
    return f"{username[:MAX_RECORDED_USERNAME]}\x1f{address}"


def _subjects(username: str, address: str | None) -> list[tuple[ThrottleScope, str]]:
    subjects = [(ThrottleScope.USERNAME, username[:MAX_RECORDED_USERNAME])]
    if address:
        subjects.append((ThrottleScope.ADDRESS, address))
        subjects.append((ThrottleScope.PAIR, _pair(username, address)))
    return subjects


class LoginThrottle:
    def __init__(self, policy: ThrottlePolicy) -> None:
        self._backoff = policy.per_pair
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
            if scope is ThrottleScope.PAIR:
                await self._back_off(db, subject)
                continue
            limit = self._limits[scope]
            failures = await db.throttle.count_failure(scope, subject, limit.window)
            if failures >= limit.max_failures:
                await db.throttle.lock(scope, subject, limit.lockout)
                # The subject is not logged: a username field sometimes holds a mistyped password.
                logger.warning(
                    "login locked out for %s seconds (scope %s)", int(limit.lockout.total_seconds()), scope
                )

    async def _back_off(self, db: AuthStores, subject: str) -> None:
        """Counts a failure of the pair (its window does not restart at a lock) and locks it as long as
        the backoff says."""
        failures = await db.throttle.count_failure(ThrottleScope.PAIR, subject, self._backoff.window)
        delay = self._backoff.delay_after(failures)
        if delay is not None:
            await db.throttle.hold(ThrottleScope.PAIR, subject, delay)
            # Typos reach this too: not a warning. The subject is not logged (see above).
            logger.info("login locked out for %s seconds (scope %s)", int(delay.total_seconds()), ThrottleScope.PAIR)

    async def clear_username(self, db: AuthStores, username: str, address: str | None = None) -> None:
        """After a successful login: the username's count, and the pair's when the address is known."""
        await db.throttle.clear(ThrottleScope.USERNAME, username[:MAX_RECORDED_USERNAME])
        if address:
            await db.throttle.clear(ThrottleScope.PAIR, _pair(username, address))
