"""SQL for the users table (created by migration 0001): accounts, credentials, role and state changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

import asyncpg

from tcm_common.application.list_orders import USERS_BY_NAME
from tcm_common.application.pagination import Page, PageRequest, page_from
from tcm_common.domain.errors import Conflict
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.user import User
from tcm_common.persistence.connection_types import DbConnection


@dataclass(frozen=True, slots=True)
class Credentials:
    """The one place a password hash is held after reading; `repr` leaves it out."""

    account: User
    password_hash: str = field(repr=False)


def principal_of(user: User) -> Principal:
    return Principal(user_id=user.id, username=user.username, role=user.role)


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


async def insert_user(db: DbConnection, *, username: str, role: Role, password_hash: str) -> User:
    try:
        row = await db.fetchrow(
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


async def get_user(db: DbConnection, user_id: UUID, *, for_update: bool = False) -> User | None:
    query = "SELECT id, username, role, disabled, created_at, last_login_at, version FROM users WHERE id = $1"
    row = await db.fetchrow(query + (" FOR UPDATE" if for_update else ""), user_id)
    return _account(row) if row is not None else None


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


async def page_of_users(db: DbConnection, request: PageRequest) -> Page[User]:
    position = request.position(USERS_BY_NAME)
    if position is None:
        rows = await db.fetch(_FIRST_USERS, request.size + 1)
    else:
        rows = await db.fetch(_NEXT_USERS, request.size + 1, *position)
    users = [_account(row) for row in rows if row["id"] is not None]
    return page_from(users, request=request, keyset=USERS_BY_NAME, scope="", total_count=rows[0]["total_count"])


async def find_credentials(db: DbConnection, username: str) -> Credentials | None:
    row = await db.fetchrow(
        """
        SELECT id, username, role, disabled, created_at, last_login_at, version, password_hash
        FROM users WHERE lower(username) = lower($1)
        """,
        username,
    )
    return _credentials(row)


async def get_credentials(db: DbConnection, user_id: UUID) -> Credentials | None:
    row = await db.fetchrow(
        """
        SELECT id, username, role, disabled, created_at, last_login_at, version, password_hash
        FROM users WHERE id = $1
        """,
        user_id,
    )
    return _credentials(row)


async def count_other_active_admins(db: DbConnection, user_id: UUID) -> int:
    count = await db.fetchval(
        "SELECT count(*) FROM users WHERE role = 'ADMIN' AND NOT disabled AND id <> $1", user_id
    )
    return int(count)


async def update_user(
    db: DbConnection,
    user_id: UUID,
    *,
    role: Role | None = None,
    disabled: bool | None = None,
    password_hash: str | None = None,
) -> User:
    """Changes the given fields (None keeps a field) and bumps the version."""
    row = await db.fetchrow(
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


async def record_login(db: DbConnection, user_id: UUID, *, upgraded_hash: str | None) -> None:
    # A rehash keeps the same password, so it is not a user-visible change: the version stays.
    await db.execute(
        "UPDATE users SET last_login_at = now(), password_hash = coalesce($2, password_hash) WHERE id = $1",
        user_id,
        upgraded_hash,
    )


async def delete_user(db: DbConnection, user_id: UUID) -> None:
    try:
        await db.execute("DELETE FROM users WHERE id = $1", user_id)
    except asyncpg.ForeignKeyViolationError:
        raise Conflict(
            "the user has recorded history (status changes or efforts); disable the user instead"
        ) from None
