"""Ports: what the auth use cases need from storage, and the records they exchange.

PostgreSQL adapters live in tcm_common.persistence.auth (wired by tcm_common.auth.wiring); in-memory
fakes for unit tests in tcm_common.testing.auth_fakes.

    async with storage.transaction() as db:      # one transaction: every store bound to it
        state = await db.sessions.lock_refresh_token(token_hash)
    async with storage.connection() as db:       # autocommit reads and single writes
        account = await db.users.get_user(user_id)
"""

from __future__ import annotations

import enum
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID

from tcm_common.application.pagination import Keyset, Page, PageRequest
from tcm_common.auth.client_info import ClientInfo
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.user import User


class RevocationReason(enum.StrEnum):
    LOGOUT = "LOGOUT"
    REVOKED = "REVOKED"  # by its owner, from the session list
    REUSE_DETECTED = "REUSE_DETECTED"
    PASSWORD_CHANGED = "PASSWORD_CHANGED"  # noqa: S105 - a reason, not a password
    ROLE_CHANGED = "ROLE_CHANGED"
    USER_DISABLED = "USER_DISABLED"


class AttemptOutcome(enum.StrEnum):
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    THROTTLED = "THROTTLED"


class ThrottleScope(enum.StrEnum):
    USERNAME = "USERNAME"
    ADDRESS = "ADDRESS"
    PAIR = "PAIR"  # a username and a client address together


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    user_agent: str | None
    client_address: str | None


@dataclass(frozen=True, slots=True)
class RefreshTokenState:
    """A presented refresh token with its session and user, locked for the rest of the transaction."""

    session_id: UUID
    rotated: bool
    rotated_within_grace: bool  # exchanged no longer ago than the grace period asked about
    successor_sealed: bytes | None  # what it was exchanged for, sealed with the token itself
    session_active: bool  # not revoked, not past its absolute expiry, user not disabled
    session_expires_at: datetime
    principal: Principal


@dataclass(frozen=True, slots=True)
class Credentials:
    """The one place a password hash is held after reading; `repr` leaves it out."""

    account: User
    password_hash: str = field(repr=False)


def principal_of(user: User) -> Principal:
    return Principal(user_id=user.id, username=user.username, role=user.role)


@dataclass(frozen=True, slots=True)
class ApiTokenInfo:
    """A token as its owner sees it in a list: never the secret, which is shown once at creation."""

    id: UUID
    owner_id: UUID
    name: str
    # "tcm_" and the first characters of the random part; just "tcm_" for tokens older than migration 0014.
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None


@dataclass(frozen=True, slots=True)
class ApiTokenUse:
    token_id: UUID
    expires_at: datetime
    principal: Principal


class SessionStore(Protocol):
    """Sessions (refresh-token families) and their refresh tokens."""

    async def create_session(
        self, *, user_id: UUID, lifetime: timedelta, client: ClientInfo, token_hash: bytes
    ) -> SessionInfo: ...
    async def lock_refresh_token(
        self, token_hash: bytes, *, grace: timedelta = timedelta(0)
    ) -> RefreshTokenState | None: ...
    async def rotate_refresh_token(
        self, *, session_id: UUID, old_hash: bytes, new_hash: bytes, successor_sealed: bytes, client: ClientInfo
    ) -> None: ...
    async def find_session_of_refresh_token(self, token_hash: bytes) -> UUID | None: ...
    async def revoke_session(
        self, session_id: UUID, reason: RevocationReason, *, user_id: UUID | None = None
    ) -> bool:
        """Revokes one active session (only if it belongs to `user_id` when given); False when none was."""
        ...

    async def revoke_user_sessions(self, user_id: UUID, reason: RevocationReason) -> None: ...
    async def list_active_sessions(self, user_id: UUID) -> list[SessionInfo]:
        """Most recently used first."""
        ...

    async def principal_of_active_session(self, *, session_id: UUID, user_id: UUID) -> Principal | None:
        """The session's user with their current role; None when the session or the user is not active."""
        ...


class UserStore(Protocol):
    """Accounts and credentials. Usernames compare case-insensitively."""

    async def insert_user(self, *, username: str, role: Role, password_hash: str) -> User:
        """Conflict when the username is taken."""
        ...

    async def get_user(self, user_id: UUID, *, for_update: bool = False) -> User | None: ...
    async def page_of_users(self, request: PageRequest) -> Page[User]:
        """One page by username (USERS_BY_NAME, docs/paging.md)."""
        ...

    async def find_credentials(self, username: str) -> Credentials | None: ...
    async def get_credentials(self, user_id: UUID) -> Credentials | None: ...
    async def count_other_active_admins(self, user_id: UUID) -> int: ...
    async def active_admin_exists(self) -> bool: ...
    async def serialize_admin_changes(self) -> None:
        """Holds, until the transaction ends, the lock every change that could remove or add an Admin takes."""
        ...

    async def update_user(
        self,
        user_id: UUID,
        *,
        role: Role | None = None,
        disabled: bool | None = None,
        password_hash: str | None = None,
    ) -> User:
        """Changes the given fields (None keeps a field) and bumps the version."""
        ...

    async def record_login(self, user_id: UUID, *, upgraded_hash: str | None) -> None:
        """Sets the last login; a rehash keeps the same password, so the version stays."""
        ...

    async def delete_user(self, user_id: UUID) -> None:
        """Conflict when recorded history refers to the user."""
        ...


# An owner's unrevoked tokens, newest first (docs/paging.md; api_tokens_unrevoked_owner_created_idx).
TOKENS_NEWEST_FIRST: Keyset[ApiTokenInfo] = Keyset(
    "api-tokens", (datetime, UUID), lambda token: (token.created_at, token.id)
)


class ApiTokenStore(Protocol):
    async def insert_api_token(
        self, *, owner_id: UUID, name: str, display_prefix: str, token_hash: bytes, expires_at: datetime
    ) -> ApiTokenInfo: ...
    async def page_of_api_tokens(self, owner_id: UUID, request: PageRequest) -> Page[ApiTokenInfo]:
        """One page of the owner's unrevoked tokens, newest first (TOKENS_NEWEST_FIRST)."""
        ...

    async def get_api_token(self, token_id: UUID) -> ApiTokenInfo | None:
        """None when unknown or revoked."""
        ...

    async def revoke_api_token(self, token_id: UUID) -> None: ...
    async def use_api_token(self, token_hash: bytes) -> ApiTokenUse | None:
        """The usable token (not revoked or expired, owner enabled) acting as its owner now; records the use."""
        ...


class LoginAttemptLog(Protocol):
    async def record(
        self, *, username: str, user_id: UUID | None, client: ClientInfo, outcome: AttemptOutcome
    ) -> None: ...


class ThrottleCounters(Protocol):
    """Failure counts per (scope, subject) in a window that starts at the first failure, and lockouts."""

    async def seconds_locked(self, subjects: list[tuple[ThrottleScope, str]]) -> float | None:
        """Seconds until the latest lockout among `subjects` ends; None when none is locked."""
        ...

    async def count_failure(self, scope: ThrottleScope, subject: str, window: timedelta) -> int:
        """Adds one failure (a fresh count once `window` has passed since the first); the count now."""
        ...

    async def lock(self, scope: ThrottleScope, subject: str, lockout: timedelta) -> None:
        """Locks the subject for `lockout` and starts a fresh count."""
        ...

    async def hold(self, scope: ThrottleScope, subject: str, delay: timedelta) -> None:
        """Locks the subject for `delay`, keeping its count and window (exponential backoff)."""
        ...

    async def clear(self, scope: ThrottleScope, subject: str) -> None: ...


class AuthStores(Protocol):
    """Every auth store, bound to one connection (and its transaction, when there is one)."""

    @property
    def sessions(self) -> SessionStore: ...
    @property
    def users(self) -> UserStore: ...
    @property
    def api_tokens(self) -> ApiTokenStore: ...
    @property
    def attempts(self) -> LoginAttemptLog: ...
    @property
    def throttle(self) -> ThrottleCounters: ...


class AuthStorage(Protocol):
    def connection(self) -> AbstractAsyncContextManager[AuthStores]:
        """Each statement commits on its own."""
        ...

    def transaction(self) -> AbstractAsyncContextManager[AuthStores]:
        """One transaction: committed when the block ends normally, rolled back when it raises."""
        ...
