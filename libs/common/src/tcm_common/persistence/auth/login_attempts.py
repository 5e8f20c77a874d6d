"""PostgreSQL adapters of the login ports: the audit trail of attempts (migration 0012) and the throttle's
counters and lockouts, kept in the database for every instance."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.ports import AttemptOutcome, ThrottleScope
from tcm_common.persistence.connection_types import DbConnection


class PostgresLoginAttemptLog:
    def __init__(self, db: DbConnection) -> None:
        self._db = db

    async def record(
        self, *, username: str, user_id: UUID | None, client: ClientInfo, outcome: AttemptOutcome
    ) -> None:
        await self._db.execute(
            """
            INSERT INTO login_attempts (username, user_id, client_address, user_agent, outcome)
            VALUES ($1, $2, $3, $4, $5)
            """,
            username,
            user_id,
            client.address,
            client.user_agent,
            outcome.value,
        )


class PostgresThrottleCounters:
    def __init__(self, db: DbConnection) -> None:
        self._db = db

    async def seconds_locked(self, subjects: list[tuple[ThrottleScope, str]]) -> float | None:
        remaining = await self._db.fetchval(
            """
            SELECT extract(epoch FROM max(locked_until) - now())
            FROM login_throttle
            WHERE (scope, subject) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND locked_until > now()
            """,
            [scope.value for scope, _ in subjects],
            [subject for _, subject in subjects],
        )
        return None if remaining is None else float(remaining)

    async def count_failure(self, scope: ThrottleScope, subject: str, window: timedelta) -> int:
        # The row lock of the upsert makes concurrent counts exact.
        failures = await self._db.fetchval(
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
            window,
        )
        return int(failures)

    async def lock(self, scope: ThrottleScope, subject: str, lockout: timedelta) -> None:
        await self._db.execute(
            """
            UPDATE login_throttle
            SET locked_until = now() + $3::interval, failures = 0, window_started_at = now()
            WHERE scope = $1 AND subject = $2
            """,
            scope.value,
            subject,
            lockout,
        )

    async def hold(self, scope: ThrottleScope, subject: str, delay: timedelta) -> None:
        await self._db.execute(
            "UPDATE login_throttle SET locked_until = now() + $3::interval WHERE scope = $1 AND subject = $2",
            scope.value,
            subject,
            delay,
        )

    async def clear(self, scope: ThrottleScope, subject: str) -> None:
        await self._db.execute(
            "DELETE FROM login_throttle WHERE scope = $1 AND subject = $2", scope.value, subject
        )
