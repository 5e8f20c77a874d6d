"""User management use cases: Admin creates, re-roles, disables, deletes users and resets passwords;
everyone changes their own password.

Rules (docs/domain.md, "Users and accounts"): the last active Admin can't be demoted, disabled or
deleted; nobody changes their own role; usernames and new passwords follow usernames.py and
password_policy.py. A role change, a disable, a password reset and a password change end every session
of that user at once.
"""

from __future__ import annotations

from uuid import UUID

from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, authorize
from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.login_attempts import record_attempt
from tcm_common.auth.login_throttle import LoginThrottle
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.password_policy import password_problems
from tcm_common.auth.ports import AttemptOutcome, AuthStorage, AuthStores, RevocationReason
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


def _check_new_password(password: str, username: str, field: str) -> None:
    problems = password_problems(password, username)
    if problems:
        raise ValidationFailed((field, problem) for problem in problems)


class UserService:
    def __init__(self, storage: AuthStorage, *, hasher: PasswordHasher, throttle: LoginThrottle) -> None:
        self._storage = storage
        self._hasher = hasher
        self._throttle = throttle

    async def list_users(self, actor: Principal, request: PageRequest) -> Page[User]:
        """By username, one page (docs/paging.md)."""
        authorize(actor, Action.MANAGE_USERS)
        async with self._storage.connection() as db:
            return await db.users.page_of_users(request)

    async def get_user(self, actor: Principal, user_id: UUID) -> User:
        """Admins see anyone; everyone else sees only themselves (`me`)."""
        if user_id != actor.user_id:
            authorize(actor, Action.MANAGE_USERS)
        async with self._storage.connection() as db:
            account = await db.users.get_user(user_id)
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
        async with self._storage.connection() as db:
            return await db.users.insert_user(username=name, role=role, password_hash=password_hash)

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
        async with self._storage.transaction() as db:
            account = await _lock_for_change(db, user_id, expected_version)
            if role is not None and account.role is not role:
                if role is not Role.ADMIN:
                    await _refuse_removing_last_admin(db, account, "demoted")
                await db.sessions.revoke_user_sessions(user_id, RevocationReason.ROLE_CHANGED)
                account = await db.users.update_user(user_id, role=role)
            if disabled is not None and account.disabled is not disabled:
                if disabled:
                    await _refuse_removing_last_admin(db, account, "disabled")
                    await db.sessions.revoke_user_sessions(user_id, RevocationReason.USER_DISABLED)
                account = await db.users.update_user(user_id, disabled=disabled)
            return account

    async def delete_user(
        self, actor: Principal, user_id: UUID, *, expected_version: int | None = None
    ) -> None:
        """Deletes the user, their sessions and API tokens; Conflict when history refers to them."""
        authorize(actor, Action.MANAGE_USERS)
        async with self._storage.transaction() as db:
            account = await _lock_for_change(db, user_id, expected_version)
            await _refuse_removing_last_admin(db, account, "deleted")
            await db.users.delete_user(user_id)

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
        async with self._storage.connection() as db:
            account = await db.users.get_user(user_id)
        if account is None:
            raise NotFound("user", user_id)
        _check_new_password(new_password, account.username, "password")
        password_hash = await self._hasher.hash(new_password)
        async with self._storage.transaction() as db:
            await _lock_for_change(db, user_id, expected_version)
            await db.sessions.revoke_user_sessions(user_id, RevocationReason.PASSWORD_CHANGED)
            await self._throttle.clear_username(db, account.username)
            return await db.users.update_user(user_id, password_hash=password_hash)

    async def change_own_password(
        self, actor: Principal, *, current_password: str, new_password: str, client: ClientInfo
    ) -> None:
        """Needs the current password (throttled like a login); ends every session, this one included."""
        client = client.bounded()
        async with self._storage.connection() as db:
            credentials = await db.users.get_credentials(actor.user_id)
            if credentials is None:
                raise NotFound("user", actor.user_id)
            username = credentials.account.username
            retry_after = await self._throttle.retry_after(db, username=username, address=client.address)
        if retry_after is not None:
            raise RateLimited(retry_after)
        if not await self._hasher.verify(credentials.password_hash, current_password):
            async with self._storage.transaction() as db:
                await self._throttle.record_failure(db, username=username, address=client.address)
                await record_attempt(
                    db, username=username, user_id=actor.user_id, client=client, outcome=AttemptOutcome.FAILED
                )
            raise ValidationFailed.single("current_password", "is not the current password")
        _check_new_password(new_password, username, "new_password")
        if new_password == current_password:
            raise ValidationFailed.single("new_password", "must differ from the current password")
        password_hash = await self._hasher.hash(new_password)
        async with self._storage.transaction() as db:
            await db.sessions.revoke_user_sessions(actor.user_id, RevocationReason.PASSWORD_CHANGED)
            await db.users.update_user(actor.user_id, password_hash=password_hash)


async def _lock_for_change(db: AuthStores, user_id: UUID, expected_version: int | None) -> User:
    # Two Admins demoting each other at the same moment can't both see "another Admin remains".
    await db.users.serialize_admin_changes()
    account = await db.users.get_user(user_id, for_update=True)
    if account is None:
        raise NotFound("user", user_id)
    if expected_version is not None and account.version != expected_version:
        raise VersionConflict("user", user_id, expected_version)
    return account


async def _refuse_removing_last_admin(db: AuthStores, account: User, change: str) -> None:
    if (
        account.role is Role.ADMIN
        and not account.disabled
        and await db.users.count_other_active_admins(account.id) == 0
    ):
        raise Conflict(f"the last Admin can't be {change}")
