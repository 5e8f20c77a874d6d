"""PostgreSQL adapter of the UserStore port: the users table (created by migration 0001)."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from tcm_common.application.list_orders import USERS_BY_NAME
from tcm_common.application.pagination import Page, PageRequest, page_from
from tcm_common.auth.ports import Credentials
from tcm_common.domain.errors import Conflict
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_common.persistence.connection_types import DbConnection

# A page of users by name (docs/paging.md), walking users_username_lower_key; with the total.
_USERS_PAGE = """
SELECT (SELECT count(*) FROM users) AS total_count, page.*
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
      SELECT id, username, role, disabled, created_at, last_login_at, version FROM users
       WHERE {after} ORDER BY lower(username) LIMIT $1
  ) AS page ON true
"""
_FIRST_USERS = _USERS_PAGE.format(after="true")
_NEXT_USERS = _USERS_PAGE.format(after="lower(username) > $2::text")

# Every change that could remove an Admin (or add the first one) takes this transaction lock first, so
# two Admins demoting each other at the same moment can't both see "another Admin remains".
_ADMIN_CHANGES_LOCK = 0x7C3_0A11


def _account(row: asyncpg.Record) -> User:
    return User(
        id=row["id"],
        username=row["username"],
        role=Role(row["role"]),
        disabled=row["disabled"],
        created_at=row["created_at"],
        last_login_at=row["last_login_at"],
        version=row["version"],
    )


def _credentials(row: asyncpg.Record | None) -> Credentials | None:
    return Credentials(_account(row), row["password_hash"]) if row is not None else None


class PostgresUserStore:
    def __init__(self, db: DbConnection) -> None:
        self._db = db

    async def insert_user(self, *, username: str, role: Role, password_hash: str) -> User:
        try:
            row = await self._db.fetchrow(
                """
                INSERT INTO users (username, role, password_hash) VALUES ($1, $2, $3)
                RETURNING id, username, role, disabled, created_at, last_login_at, version
                """,
                username,
                role.value,
                password_hash,
            )
        except asyncpg.UniqueViolationError:
            raise Conflict(f"the username {username} is taken") from None
        assert row is not None
        return _account(row)

    async def get_user(self, user_id: UUID, *, for_update: bool = False) -> User | None:
        query = "SELECT id, username, role, disabled, created_at, last_login_at, version FROM users WHERE id = $1"
        row = await self._db.fetchrow(query + (" FOR UPDATE" if for_update else ""), user_id)
        return _account(row) if row is not None else None

    async def page_of_users(self, request: PageRequest) -> Page[User]:
        position = request.position(USERS_BY_NAME)
        if position is None:
            rows = await self._db.fetch(_FIRST_USERS, request.size + 1)
        else:
            rows = await self._db.fetch(_NEXT_USERS, request.size + 1, *position)
        users = [_account(row) for row in rows if row["id"] is not None]
        return page_from(users, request=request, keyset=USERS_BY_NAME, scope="", total_count=rows[0]["total_count"])

    async def find_credentials(self, username: str) -> Credentials | None:
        row = await self._db.fetchrow(
            """
            SELECT id, username, role, disabled, created_at, last_login_at, version, password_hash
            FROM users WHERE lower(username) = lower($1)
            """,
            username,
        )
        return _credentials(row)

    async def get_credentials(self, user_id: UUID) -> Credentials | None:
        row = await self._db.fetchrow(
            """
            SELECT id, username, role, disabled, created_at, last_login_at, version, password_hash
            FROM users WHERE id = $1
            """,
            user_id,
        )
        return _credentials(row)

    async def count_other_active_admins(self, user_id: UUID) -> int:
        count = await self._db.fetchval(
            "SELECT count(*) FROM users WHERE role = 'ADMIN' AND NOT disabled AND id <> $1", user_id
        )
        return int(count)

    async def update_user(
        self,
        user_id: UUID,
        *,
        role: Role | None = None,
        disabled: bool | None = None,
        password_hash: str | None = None,
    ) -> User:
        """Changes the given fields (None keeps a field) and bumps the version."""
        row = await self._db.fetchrow(
            """
            UPDATE users SET
                role = coalesce($2, role),
                disabled = coalesce($3, disabled),
                password_hash = coalesce($4, password_hash),
                version = version + 1
            WHERE id = $1
            RETURNING id, username, role, disabled, created_at, last_login_at, version
            """,
            user_id,
            role.value if role is not None else None,
            disabled,
            password_hash,
        )
        assert row is not None, "update_user is called on a row the caller has locked"
        return _account(row)

    async def record_login(self, user_id: UUID, *, upgraded_hash: str | None) -> None:
        # A rehash keeps the same password, so it is not a user-visible change: the version stays.
        await self._db.execute(
            "UPDATE users SET last_login_at = now(), password_hash = coalesce($2, password_hash) WHERE id = $1",
            user_id,
            upgraded_hash,
        )

    async def delete_user(self, user_id: UUID) -> None:
        try:
            await self._db.execute("DELETE FROM users WHERE id = $1", user_id)
        except asyncpg.ForeignKeyViolationError:
            raise Conflict(
                "the user has recorded history (status changes or efforts); disable the user instead"
            ) from None

    async def active_admin_exists(self) -> bool:
        return bool(
            await self._db.fetchval("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'ADMIN' AND NOT disabled)")
        )

    async def serialize_admin_changes(self) -> None:
        await self._db.execute("SELECT pg_advisory_xact_lock($1)", _ADMIN_CHANGES_LOCK)
