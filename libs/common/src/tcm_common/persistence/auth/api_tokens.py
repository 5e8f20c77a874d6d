"""PostgreSQL adapter of the ApiTokenStore port: personal API tokens (migrations 0011 and 0014)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import asyncpg

from tcm_common.application.pagination import Page, PageRequest
from tcm_common.auth.ports import TOKENS_NEWEST_FIRST, ApiTokenInfo, ApiTokenUse
from tcm_common.domain.principal import Principal, Role
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.keyset import KeysetList, read_page

UNREVOKED_TOKENS = KeysetList(
    TOKENS_NEWEST_FIRST,
    columns="t.id, t.user_id, t.name, t.display_prefix, t.created_at, t.expires_at, t.last_used_at",
    source="api_tokens t",
    parent="t.user_id",
    order=("t.created_at", "t.id"),
    condition=" AND t.revoked_at IS NULL",
    descending=True,
)


# Every API-token request runs this first (libs/common/tests/test_query_indexes.py checks its plan).
USABLE_TOKEN = """
SELECT t.id, t.expires_at, u.id AS user_id, u.username, u.role,
       coalesce(t.last_used_at >= now() - interval '1 minute', false) AS used_recently
  FROM api_tokens t JOIN users u ON u.id = t.user_id
 WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND NOT u.disabled
"""  # noqa: S105 - a statement, not a secret


def _info(row: asyncpg.Record) -> ApiTokenInfo:
    return ApiTokenInfo(
        id=row["id"],
        owner_id=row["user_id"],
        name=row["name"],
        prefix=row["display_prefix"],
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        last_used_at=row["last_used_at"],
    )


class PostgresApiTokenStore:
    def __init__(self, db: DbConnection) -> None:
        self._db = db

    async def insert_api_token(
        self,
        *,
        owner_id: UUID,
        name: str,
        display_prefix: str,
        token_hash: bytes,
        expires_at: datetime,
    ) -> ApiTokenInfo:
        row = await self._db.fetchrow(
            """
            INSERT INTO api_tokens (user_id, name, display_prefix, token_hash, expires_at)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING id, user_id, name, display_prefix, created_at, expires_at, last_used_at
            """,
            owner_id,
            name,
            display_prefix,
            token_hash,
            expires_at,
        )
        assert row is not None
        return _info(row)

    async def page_of_api_tokens(self, owner_id: UUID, request: PageRequest) -> Page[ApiTokenInfo]:
        return await read_page(self._db, UNREVOKED_TOKENS, owner_id, request, _info)

    async def get_api_token(self, token_id: UUID) -> ApiTokenInfo | None:
        row = await self._db.fetchrow(
            """
            SELECT id, user_id, name, display_prefix, created_at, expires_at, last_used_at FROM api_tokens
            WHERE id = $1 AND revoked_at IS NULL
            """,
            token_id,
        )
        return _info(row) if row is not None else None

    async def revoke_api_token(self, token_id: UUID) -> None:
        await self._db.execute(
            "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL", token_id
        )

    async def use_api_token(self, token_hash: bytes) -> ApiTokenUse | None:
        """The usable token (not revoked or expired, owner enabled) acting as its owner now; records the use."""
        row = await self._db.fetchrow(USABLE_TOKEN, token_hash)
        if row is None:
            return None
        # Writing on every call of a busy CI job would turn each read into a write (and a round trip);
        # a minute is precise enough. The WHERE keeps concurrent calls from writing twice.
        if not row["used_recently"]:
            await self._db.execute(
                """
                UPDATE api_tokens SET last_used_at = now()
                WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                """,
                row["id"],
            )
        return ApiTokenUse(
            token_id=row["id"],
            expires_at=row["expires_at"],
            principal=Principal(user_id=row["user_id"], username=row["username"], role=Role(row["role"])),
        )
