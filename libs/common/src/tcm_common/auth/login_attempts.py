"""The audit trail of login attempts (migration 0012): every attempt, whatever its outcome."""

from __future__ import annotations

import enum
from uuid import UUID

from tcm_common.auth.client_info import ClientInfo
from tcm_common.persistence.connection_types import DbConnection

# Longer than any valid username; what someone typed is stored only in bounded form.
MAX_RECORDED_USERNAME = 100


class AttemptOutcome(enum.StrEnum):
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    THROTTLED = "THROTTLED"


async def record_attempt(
    db: DbConnection, *, username: str, user_id: UUID | None, client: ClientInfo, outcome: AttemptOutcome
) -> None:
    await db.execute(
        """
        INSERT INTO login_attempts (username, user_id, client_address, user_agent, outcome)
        VALUES ($1, $2, $3, $4, $5)
        """,
        username[:MAX_RECORDED_USERNAME],
        user_id,
        client.address,
        client.user_agent,
        outcome.value,
    )
