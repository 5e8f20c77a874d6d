"""In-memory fakes of the auth ports (tcm_common.auth.ports), for unit tests of the auth use cases only.

    storage = InMemoryAuthStorage(clock)
    users = UserService(storage, hasher=fast_password_hasher(), throttle=LoginThrottle(ThrottlePolicy()))
    admin = await storage.add_user("admin", Role.ADMIN, password_hash=await hasher.hash(TEST_PASSWORD))

A transaction works on a copy of the tables and writes it back when its block ends normally, so an error
leaves the tables untouched, as PostgreSQL would. Times come from the injected clock, never the wall clock.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TypeVar
from uuid import UUID

from tcm_common.application.clock import Clock
from tcm_common.application.list_orders import USERS_BY_NAME
from tcm_common.application.pagination import Keyset, Page, PageRequest, page_from
from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.ports import (
    TOKENS_NEWEST_FIRST,
    ApiTokenInfo,
    ApiTokenUse,
    AttemptOutcome,
    Credentials,
    RefreshTokenState,
    RevocationReason,
    SessionInfo,
    ThrottleScope,
    principal_of,
)
from tcm_common.domain.errors import Conflict
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.user import User

_Item = TypeVar("_Item")


def _page(ordered: list[_Item], request: PageRequest, keyset: Keyset[_Item]) -> Page[_Item]:
    """A page of a list already in the keyset's order, as the keyset query would read it."""
    position = request.position(keyset)
    start = 0 if position is None else next(
        (index + 1 for index, item in enumerate(ordered) if tuple(keyset.key_of(item)) == position), len(ordered)
    )
    following = ordered[start : start + request.size + 1]
    return page_from(following, request=request, keyset=keyset, scope="", total_count=len(ordered))


@dataclass(slots=True)
class _RefreshToken:
    session_id: UUID
    rotated_at: datetime | None = None
    successor_sealed: bytes | None = None


@dataclass
class _Session:
    info: SessionInfo
    user_id: UUID
    revoked: RevocationReason | None = None


@dataclass
class _ApiToken:
    info: ApiTokenInfo
    token_hash: bytes
    revoked: bool = False


@dataclass
class _Counter:
    failures: int
    window_started_at: datetime
    locked_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class RecordedAttempt:
    username: str
    user_id: UUID | None
    client: ClientInfo
    outcome: AttemptOutcome


@dataclass
class AuthTables:
    users: dict[UUID, Credentials] = field(default_factory=dict)
    sessions: dict[UUID, _Session] = field(default_factory=dict)
    refresh_tokens: dict[bytes, _RefreshToken] = field(default_factory=dict)
    api_tokens: dict[UUID, _ApiToken] = field(default_factory=dict)
    attempts: list[RecordedAttempt] = field(default_factory=list)
    throttle: dict[tuple[ThrottleScope, str], _Counter] = field(default_factory=dict)
    # Users that recorded history (status changes, efforts) and therefore can't be deleted.
    with_history: set[UUID] = field(default_factory=set)


class _Sessions:
    def __init__(self, tables: AuthTables, clock: Clock) -> None:
        self._t = tables
        self._clock = clock

    def _active(self, session: _Session) -> bool:
        owner = self._t.users.get(session.user_id)
        return (
            session.revoked is None
            and session.info.expires_at > self._clock.now()
            and owner is not None
            and not owner.account.disabled
        )

    async def create_session(
        self, *, user_id: UUID, lifetime: timedelta, client: ClientInfo, token_hash: bytes
    ) -> SessionInfo:
        now = self._clock.now()
        info = SessionInfo(uuid.uuid4(), now, now, now + lifetime, client.user_agent, client.address)
        self._t.sessions[info.id] = _Session(info, user_id)
        self._t.refresh_tokens[token_hash] = _RefreshToken(info.id)
        return info

    async def lock_refresh_token(
        self, token_hash: bytes, *, grace: timedelta = timedelta(0)
    ) -> RefreshTokenState | None:
        token = self._t.refresh_tokens.get(token_hash)
        if token is None:
            return None
        session = self._t.sessions[token.session_id]
        return RefreshTokenState(
            session_id=token.session_id,
            rotated=token.rotated_at is not None,
            rotated_within_grace=token.rotated_at is not None and token.rotated_at >= self._clock.now() - grace,
            successor_sealed=token.successor_sealed,
            session_active=self._active(session),
            session_expires_at=session.info.expires_at,
            principal=principal_of(self._t.users[session.user_id].account),
        )

    async def rotate_refresh_token(
        self, *, session_id: UUID, old_hash: bytes, new_hash: bytes, successor_sealed: bytes, client: ClientInfo
    ) -> None:
        self._t.refresh_tokens[old_hash] = _RefreshToken(session_id, self._clock.now(), successor_sealed)
        self._t.refresh_tokens[new_hash] = _RefreshToken(session_id)
        session = self._t.sessions[session_id]
        session.info = replace(
            session.info,
            last_used_at=self._clock.now(),
            user_agent=client.user_agent or session.info.user_agent,
            client_address=client.address or session.info.client_address,
        )

    async def find_session_of_refresh_token(self, token_hash: bytes) -> UUID | None:
        found = self._t.refresh_tokens.get(token_hash)
        return found.session_id if found else None

    async def revoke_session(
        self, session_id: UUID, reason: RevocationReason, *, user_id: UUID | None = None
    ) -> bool:
        session = self._t.sessions.get(session_id)
        if session is None or session.revoked is not None or user_id not in (None, session.user_id):
            return False
        session.revoked = reason
        return True

    async def revoke_user_sessions(self, user_id: UUID, reason: RevocationReason) -> None:
        for session in self._t.sessions.values():
            if session.user_id == user_id and session.revoked is None:
                session.revoked = reason

    async def list_active_sessions(self, user_id: UUID) -> list[SessionInfo]:
        mine = [s.info for s in self._t.sessions.values() if s.user_id == user_id and self._active(s)]
        return sorted(mine, key=lambda info: info.last_used_at, reverse=True)

    async def principal_of_active_session(self, *, session_id: UUID, user_id: UUID) -> Principal | None:
        session = self._t.sessions.get(session_id)
        if session is None or session.user_id != user_id or not self._active(session):
            return None
        return principal_of(self._t.users[user_id].account)


class _Users:
    def __init__(self, tables: AuthTables, clock: Clock) -> None:
        self._t = tables
        self._clock = clock

    async def insert_user(self, *, username: str, role: Role, password_hash: str) -> User:
        if await self.find_credentials(username) is not None:
            raise Conflict(f"the username {username} is taken")
        account = User(uuid.uuid4(), username, role, False, self._clock.now(), None, 1)
        self._t.users[account.id] = Credentials(account, password_hash)
        return account

    async def get_user(self, user_id: UUID, *, for_update: bool = False) -> User | None:  # noqa: ARG002 the port passes it by keyword; a fake has no locks
        found = self._t.users.get(user_id)
        return found.account if found else None

    async def page_of_users(self, request: PageRequest) -> Page[User]:
        accounts = sorted((c.account for c in self._t.users.values()), key=lambda account: account.username.lower())
        return _page(accounts, request, USERS_BY_NAME)

    async def find_credentials(self, username: str) -> Credentials | None:
        matches = (c for c in self._t.users.values() if c.account.username.lower() == username.lower())
        return next(matches, None)

    async def get_credentials(self, user_id: UUID) -> Credentials | None:
        return self._t.users.get(user_id)

    async def count_other_active_admins(self, user_id: UUID) -> int:
        return sum(
            1
            for c in self._t.users.values()
            if c.account.role is Role.ADMIN and not c.account.disabled and c.account.id != user_id
        )

    async def active_admin_exists(self) -> bool:
        return any(c.account.role is Role.ADMIN and not c.account.disabled for c in self._t.users.values())

    async def serialize_admin_changes(self) -> None:
        return None  # one event loop, no interleaving inside a fake transaction

    async def update_user(
        self,
        user_id: UUID,
        *,
        role: Role | None = None,
        disabled: bool | None = None,
        password_hash: str | None = None,
    ) -> User:
        stored = self._t.users[user_id]
        account = replace(
            stored.account,
            role=stored.account.role if role is None else role,
            disabled=stored.account.disabled if disabled is None else disabled,
            version=stored.account.version + 1,
        )
        self._t.users[user_id] = Credentials(account, password_hash or stored.password_hash)
        return account

    async def record_login(self, user_id: UUID, *, upgraded_hash: str | None) -> None:
        stored = self._t.users[user_id]
        account = replace(stored.account, last_login_at=self._clock.now())
        self._t.users[user_id] = Credentials(account, upgraded_hash or stored.password_hash)

    async def delete_user(self, user_id: UUID) -> None:
        if user_id in self._t.with_history:
            raise Conflict("the user has recorded history (status changes or efforts); disable the user instead")
        del self._t.users[user_id]
        for session_id in [key for key, s in self._t.sessions.items() if s.user_id == user_id]:
            del self._t.sessions[session_id]
        for token_id in [key for key, t in self._t.api_tokens.items() if t.info.owner_id == user_id]:
            del self._t.api_tokens[token_id]


class _ApiTokens:
    def __init__(self, tables: AuthTables, clock: Clock) -> None:
        self._t = tables
        self._clock = clock

    async def insert_api_token(
        self, *, owner_id: UUID, name: str, display_prefix: str, token_hash: bytes, expires_at: datetime
    ) -> ApiTokenInfo:
        info = ApiTokenInfo(uuid.uuid4(), owner_id, name, display_prefix, self._clock.now(), expires_at, None)
        self._t.api_tokens[info.id] = _ApiToken(info, token_hash)
        return info

    async def page_of_api_tokens(self, owner_id: UUID, request: PageRequest) -> Page[ApiTokenInfo]:
        mine = [t.info for t in self._t.api_tokens.values() if t.info.owner_id == owner_id and not t.revoked]
        newest_first = sorted(mine, key=lambda info: (info.created_at, info.id), reverse=True)
        return _page(newest_first, request, TOKENS_NEWEST_FIRST)

    async def get_api_token(self, token_id: UUID) -> ApiTokenInfo | None:
        token = self._t.api_tokens.get(token_id)
        return token.info if token is not None and not token.revoked else None

    async def revoke_api_token(self, token_id: UUID) -> None:
        self._t.api_tokens[token_id].revoked = True

    async def use_api_token(self, token_hash: bytes) -> ApiTokenUse | None:
        now = self._clock.now()
        for token in self._t.api_tokens.values():
            owner = self._t.users.get(token.info.owner_id)
            if token.token_hash != token_hash or token.revoked or token.info.expires_at <= now:
                continue
            if owner is None or owner.account.disabled:
                return None
            token.info = replace(token.info, last_used_at=now)
            return ApiTokenUse(token.info.id, token.info.expires_at, principal_of(owner.account))
        return None


class _Attempts:
    def __init__(self, tables: AuthTables) -> None:
        self._t = tables

    async def record(
        self, *, username: str, user_id: UUID | None, client: ClientInfo, outcome: AttemptOutcome
    ) -> None:
        self._t.attempts.append(RecordedAttempt(username, user_id, client, outcome))


class _Throttle:
    def __init__(self, tables: AuthTables, clock: Clock) -> None:
        self._t = tables
        self._clock = clock

    async def seconds_locked(self, subjects: list[tuple[ThrottleScope, str]]) -> float | None:
        now = self._clock.now()
        ends = [
            counter.locked_until
            for key in subjects
            if (counter := self._t.throttle.get(key)) and counter.locked_until and counter.locked_until > now
        ]
        return (max(ends) - now).total_seconds() if ends else None

    async def count_failure(self, scope: ThrottleScope, subject: str, window: timedelta) -> int:
        now = self._clock.now()
        counter = self._t.throttle.get((scope, subject))
        if counter is None:
            self._t.throttle[(scope, subject)] = _Counter(1, now)
            return 1
        if counter.window_started_at > now - window:
            counter.failures += 1
        else:
            counter.failures, counter.window_started_at = 1, now
        return counter.failures

    async def lock(self, scope: ThrottleScope, subject: str, lockout: timedelta) -> None:
        counter = self._t.throttle[(scope, subject)]
        now = self._clock.now()
        counter.locked_until, counter.failures, counter.window_started_at = now + lockout, 0, now

    async def hold(self, scope: ThrottleScope, subject: str, delay: timedelta) -> None:
        self._t.throttle[(scope, subject)].locked_until = self._clock.now() + delay

    async def clear(self, scope: ThrottleScope, subject: str) -> None:
        self._t.throttle.pop((scope, subject), None)


class InMemoryAuthStores:
    def __init__(self, tables: AuthTables, clock: Clock) -> None:
        self.sessions = _Sessions(tables, clock)
        self.users = _Users(tables, clock)
        self.api_tokens = _ApiTokens(tables, clock)
        self.attempts = _Attempts(tables)
        self.throttle = _Throttle(tables, clock)


class InMemoryAuthStorage:
    def __init__(self, clock: Clock) -> None:
        self.tables = AuthTables()
        self._clock = clock

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[InMemoryAuthStores]:
        yield InMemoryAuthStores(self.tables, self._clock)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[InMemoryAuthStores]:
        working = copy.deepcopy(self.tables)
        yield InMemoryAuthStores(working, self._clock)
        self.tables = working

    async def add_user(self, username: str, role: Role, *, password_hash: str) -> User:
        """Set-up: a user inserted directly (no Admin needed)."""
        async with self.connection() as db:
            return await db.users.insert_user(username=username, role=role, password_hash=password_hash)
