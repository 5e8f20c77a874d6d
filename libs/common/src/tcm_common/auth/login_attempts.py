"""The audit trail of login attempts (migration 0012): every attempt, whatever its outcome."""

from __future__ import annotations

from uuid import UUID

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.ports import AttemptOutcome, AuthStores

# Longer than any valid username; what someone typed is stored only in bounded form.
MAX_RECORDED_USERNAME = 100


async def record_attempt(
    db: AuthStores, *, username: str, user_id: UUID | None, client: ClientInfo, outcome: AttemptOutcome
) -> None:
    await db.attempts.record(
        username=username[:MAX_RECORDED_USERNAME], user_id=user_id, client=client, outcome=outcome
    )
