"""The API-token check of every peer: the same lookup as ours (the SHA-256 digest of the bearer token,
not revoked, not expired, owner enabled) and the same record of use (`last_used_at`, at most once a
minute), in one statement instead of ours' two."""

from __future__ import annotations

from tcm_common.auth.opaque_tokens import digest
from tcm_common.persistence.connection_types import DbConnection

TOKEN_USE = """
WITH token AS (
    SELECT t.id, u.id AS user_id, u.role
      FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND NOT u.disabled
), used AS (
    UPDATE api_tokens a SET last_used_at = now()
      FROM token
     WHERE a.id = token.id AND (a.last_used_at IS NULL OR a.last_used_at < now() - interval '1 minute')
)
SELECT user_id, role FROM token
"""  # noqa: S105 - a statement, not a secret
BEARER = "bearer "


def bearer_token(authorization: str | None) -> str | None:
    if authorization is None or not authorization.lower().startswith(BEARER):
        return None
    return authorization[len(BEARER) :].strip() or None


async def token_in_use(connection: DbConnection, authorization: str | None) -> bool:
    """True when the bearer token is a usable API token (every role may read suites)."""
    token = bearer_token(authorization)
    if token is None:
        return False
    return await connection.fetchrow(TOKEN_USE, digest(token)) is not None
