"""User management use cases: Admin creates, re-roles, disables, deletes users and resets passwords;
everyone changes their own password.

Rules of the spec: the last active Admin can't be demoted, disabled or deleted; nobody changes their
own role; usernames and new passwords follow usernames.py and password_policy.py. A role change, a
disable, a password reset and a password change end every session of that user at once.
"""

from __future__ import annotations

from uuid import UUID

import asyncpg

from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, authorize
from tcm_common.auth import session_store, user_store
from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.login_attempts import AttemptOutcome, record_attempt
from tcm_common.auth.login_throttle import LoginThrottle
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.password_policy import password_problems
from tcm_common.auth.session_store import RevocationReason
from tcm_common.auth.usernames import normalize_username, username_problems
from tcm_common.domain.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    RateLimited,
    ValidationFailed,
    VersionConflict,
)
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.user import User
from tcm_common.persistence.connection_types import DbConnection

# Every change that could remove an Admin takes this transaction lock first, so two Admins demoting
# each other at the same moment can't both see "another Admin remains".
_ADMIN_CHANGES_LOCK = 0x7C3_0A11


def _check_new_password(password: str, username: str, field: str) -> None:
    problems = password_problems(password, username)
    if problems:
        raise ValidationFailed((field, problem) for problem in problems)


class UserService:
    def __init__(self, pool: asyncpg.Pool, *, hasher: PasswordHasher, throttle: LoginThrottle) -> None:
        self._pool = pool
        self._hasher = hasher
        self._throttle = throttle

    async def list_users(self, actor: Principal, request: PageRequest) -> Page[User]:
        """By username, one page (docs/paging.md)."""
        authorize(actor, Action.MANAGE_USERS)
        async with self._pool.acquire() as db:
            return await user_store.page_of_users(db, request)

    async def get_user(self, actor: Principal, user_id: UUID) -> User:
        """Admins see anyone; everyone else sees only themselves (`me`)."""
        if user_id != actor.user_id:
            authorize(actor, Action.MANAGE_USERS)
        async with self._pool.acquire() as db:
            account = await user_store.get_user(db, user_id)
        if account is None:
            raise NotFound("user", user_id)
        return account

    async def create_user(self, actor: Principal, *, username: str, password: str, role: Role) -> User:
        authorize(actor, Action.MANAGE_USERS)
        name = normalize_username(username)
        problems = [("username", problem) for problem in username_problems(name)]
        problems += [("password", problem) for problem in password_problems(password, name)]
        if problems:
            raise ValidationFailed(problems)
        password_hash = await self._hasher.hash(password)
        async with self._pool.acquire() as db:
            return await user_store.insert_user(db, username=name, role=role, password_hash=password_hash)

    async def change_role(
        self, actor: Principal, user_id: UUID, role: Role, *, expected_version: int | None = None
    ) -> User:
        return await self.update_user(actor, user_id, role=role, expected_version=expected_version)

    async def set_disabled(
        self, actor: Principal, user_id: UUID, disabled: bool, *, expected_version: int | None = None
    ) -> User:
        return await self.update_user(actor, user_id, disabled=disabled, expected_version=expected_version)

    async def update_user(
        self,
        actor: Principal,
        user_id: UUID,
        *,
        role: Role | None = None,
        disabled: bool | None = None,
        expected_version: int | None = None,
    ) -> User:
        """A new role, a disabled flag or both, in one transaction: both apply or neither does."""
        authorize(actor, Action.MANAGE_USERS)
        if role is None and disabled is None:
            raise ValidationFailed.single("body", "send role, disabled or both")
        if role is not None and user_id == actor.user_id:
            raise PermissionDenied("nobody can change their own role")
        async with self._pool.acquire() as db, db.transaction():
            account = await _lock_for_change(db, user_id, expected_version)
            if role is not None and account.role is not role:
                if role is not Role.ADMIN:
                    await _refuse_removing_last_admin(db, account, "demoted")
                await session_store.revoke_user_sessions(db, user_id, RevocationReason.ROLE_CHANGED)
                account = await user_store.update_user(db, user_id, role=role)
            if disabled is not None and account.disabled is not disabled:
                if disabled:
                    await _refuse_removing_last_admin(db, account, "disabled")
                    await session_store.revoke_user_sessions(db, user_id, RevocationReason.USER_DISABLED)
                account = await user_store.update_user(db, user_id, disabled=disabled)
            return account

    async def delete_user(
        self, actor: Principal, user_id: UUID, *, expected_version: int | None = None
    ) -> None:
        """Deletes the user, their sessions and API tokens; Conflict when history refers to them."""
        authorize(actor, Action.MANAGE_USERS)
        async with self._pool.acquire() as db, db.transaction():
            account = await _lock_for_change(db, user_id, expected_version)
            await _refuse_removing_last_admin(db, account, "deleted")
            await user_store.delete_user(db, user_id)

    async def reset_password(
        self, actor: Principal, user_id: UUID, new_password: str, *, expected_version: int | None = None
    ) -> User:
        """An Admin sets someone's password (also clearing a login lockout of that username)."""
        authorize(actor, Action.MANAGE_USERS)
        if user_id == actor.user_id:
            # A stolen Admin session must not be enough to take the account over for good.
            raise PermissionDenied(
                "change your own password with change_own_password (it needs the current one)"
            )
        async with self._pool.acquire() as db:
            account = await user_store.get_user(db, user_id)
        if account is None:
            raise NotFound("user", user_id)
        _check_new_password(new_password, account.username, "password")
        password_hash = await self._hasher.hash(new_password)
        async with self._pool.acquire() as db, db.transaction():
            await _lock_for_change(db, user_id, expected_version)
            await session_store.revoke_user_sessions(db, user_id, RevocationReason.PASSWORD_CHANGED)
            await self._throttle.clear_username(db, account.username)
            return await user_store.update_user(db, user_id, password_hash=password_hash)

    async def change_own_password(
        self, actor: Principal, *, current_password: str, new_password: str, client: ClientInfo
    ) -> None:
        """Needs the current password (throttled like a login); ends every session, this one included."""
        client = client.bounded()
        async with self._pool.acquire() as db:
            credentials = await user_store.get_credentials(db, actor.user_id)
            if credentials is None:
                raise NotFound("user", actor.user_id)
            username = credentials.account.username
            retry_after = await self._throttle.retry_after(db, username=username, address=client.address)
        if retry_after is not None:
            raise RateLimited(retry_after)
        if not await self._hasher.verify(credentials.password_hash, current_password):
            async with self._pool.acquire() as db, db.transaction():
                await self._throttle.record_failure(db, username=username, address=client.address)
                await record_attempt(
                    db, username=username, user_id=actor.user_id, client=client, outcome=AttemptOutcome.FAILED
                )
            raise ValidationFailed.single("current_password", "is not the current password")
        _check_new_password(new_password, username, "new_password")
        if new_password == current_password:
            raise ValidationFailed.single("new_password", "must differ from the current password")
        password_hash = await self._hasher.hash(new_password)
        async with self._pool.acquire() as db, db.transaction():
            await session_store.revoke_user_sessions(db, actor.user_id, RevocationReason.PASSWORD_CHANGED)
            await user_store.update_user(db, actor.user_id, password_hash=password_hash)


async def _lock_for_change(db: DbConnection, user_id: UUID, expected_version: int | None) -> User:
    await db.execute("SELECT pg_advisory_xact_lock($1)", _ADMIN_CHANGES_LOCK)
    account = await user_store.get_user(db, user_id, for_update=True)
    if account is None:
        raise NotFound("user", user_id)
    if expected_version is not None and account.version != expected_version:
        raise VersionConflict("user", user_id, expected_version)
    return account


async def _refuse_removing_last_admin(db: DbConnection, account: User, change: str) -> None:
    if (
        account.role is Role.ADMIN
        and not account.disabled
        and await user_store.count_other_active_admins(db, account.id) == 0
    ):
        raise Conflict(f"the last Admin can't be {change}")
