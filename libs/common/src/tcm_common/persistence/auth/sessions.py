"""PostgreSQL adapter of the SessionStore port: sessions (refresh-token families) and their refresh tokens
(migration 0010)."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import asyncpg

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.ports import RefreshTokenState, RevocationReason, SessionInfo
from tcm_common.domain.principal import Principal, Role
from tcm_common.persistence.connection_types import DbConnection


def _session_info(row: asyncpg.Record) -> SessionInfo:
    return SessionInfo(
        id=row["id"],
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
        expires_at=row["expires_at"],
        user_agent=row["user_agent"],
        client_address=row["client_address"],
    )


class PostgresSessionStore:
    def __init__(self, db: DbConnection) -> None:
        self._db = db

    async def create_session(
        self, *, user_id: UUID, lifetime: timedelta, client: ClientInfo, token_hash: bytes
    ) -> SessionInfo:
        row = await self._db.fetchrow(
            """
            INSERT INTO auth_sessions (user_id, expires_at, user_agent, client_address)
            VALUES ($1, now() + $2::interval, $3, $4)
            RETURNING id, created_at, last_used_at, expires_at, user_agent, client_address
            """,
            user_id,
            lifetime,
            client.user_agent,
            client.address,
        )
        assert row is not None
        await self._db.execute(
            "INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)", token_hash, row["id"]
        )
        return _session_info(row)

    async def lock_refresh_token(
        self, token_hash: bytes, *, grace: timedelta = timedelta(0)
    ) -> RefreshTokenState | None:
        row = await self._db.fetchrow(
            """
            SELECT t.session_id, t.rotated_at IS NOT NULL AS rotated, t.successor_sealed,
                   coalesce(t.rotated_at >= now() - $2::interval, false) AS within_grace, s.expires_at,
                   s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled AS active,
                   u.id AS user_id, u.username, u.role
            FROM refresh_tokens t
            JOIN auth_sessions s ON s.id = t.session_id
            JOIN users u ON u.id = s.user_id
            WHERE t.token_hash = $1
            FOR UPDATE OF t, s
            """,
            token_hash,
            grace,
        )
        if row is None:
            return None
        return RefreshTokenState(
            session_id=row["session_id"],
            rotated=row["rotated"],
            rotated_within_grace=row["within_grace"],
            successor_sealed=row["successor_sealed"],
            session_active=row["active"],
            session_expires_at=row["expires_at"],
            principal=Principal(user_id=row["user_id"], username=row["username"], role=Role(row["role"])),
        )

    async def rotate_refresh_token(
        self, *, session_id: UUID, old_hash: bytes, new_hash: bytes, successor_sealed: bytes, client: ClientInfo
    ) -> None:
        await self._db.execute(
            "UPDATE refresh_tokens SET rotated_at = now(), successor_sealed = $2 WHERE token_hash = $1",
            old_hash,
            successor_sealed,
        )
        await self._db.execute(
            "INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)", new_hash, session_id
        )
        await self._db.execute(
            """
            UPDATE auth_sessions
            SET last_used_at = now(),
                user_agent = coalesce($2, user_agent),
                client_address = coalesce($3, client_address)
            WHERE id = $1
            """,
            session_id,
            client.user_agent,
            client.address,
        )

    async def find_session_of_refresh_token(self, token_hash: bytes) -> UUID | None:
        session_id: UUID | None = await self._db.fetchval(
            "SELECT session_id FROM refresh_tokens WHERE token_hash = $1", token_hash
        )
        return session_id

    async def revoke_session(
        self, session_id: UUID, reason: RevocationReason, *, user_id: UUID | None = None
    ) -> bool:
        """Revokes one active session (only if it belongs to `user_id` when given); False when none was."""
        status = await self._db.execute(
            """
            UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
            WHERE id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR user_id = $3)
            """,
            session_id,
            reason.value,
            user_id,
        )
        return status != "UPDATE 0"

    async def revoke_user_sessions(self, user_id: UUID, reason: RevocationReason) -> None:
        await self._db.execute(
            """
            UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
            WHERE user_id = $1 AND revoked_at IS NULL
            """,
            user_id,
            reason.value,
        )

    async def list_active_sessions(self, user_id: UUID) -> list[SessionInfo]:
        rows = await self._db.fetch(
            """
            SELECT id, created_at, last_used_at, expires_at, user_agent, client_address
            FROM auth_sessions
            WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
            ORDER BY last_used_at DESC
            """,
            user_id,
        )
        return [_session_info(row) for row in rows]

    async def principal_of_active_session(
        self, *, session_id: UUID, user_id: UUID
    ) -> Principal | None:
        """The session's user with their current role, or None when the session or the user is not active."""
        row = await self._db.fetchrow(
            """
            SELECT u.username, u.role
            FROM auth_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id = $1 AND s.user_id = $2
              AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled
            """,
            session_id,
            user_id,
        )
        if row is None:
            return None
        return Principal(user_id=user_id, username=row["username"], role=Role(row["role"]))
