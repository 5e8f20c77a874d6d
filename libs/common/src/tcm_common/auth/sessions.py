"""Browser sessions: login, refresh (rotation with reuse detection), logout, and a user's session list.

An `IssuedSession` carries the tokens and the two cookies holding them. A service sets the cookies and
answers with the principal only: tokens never belong in a response body.

A session is a refresh-token family with an absolute lifetime of 7 days. Each refresh exchanges the
presented token for a new one; presenting an exchanged token again means someone kept a copy, so the
whole session is revoked (the legitimate holder signs in again). Clients must therefore serialise their
refresh calls.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

import asyncpg

from tcm_common.application.clock import utc_now
from tcm_common.auth import session_store, user_store
from tcm_common.auth.access_tokens import AccessTokenIssuer
from tcm_common.auth.authentication import Authentication
from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.cookies import CookiePolicy, CookieSpec
from tcm_common.auth.login_attempts import AttemptOutcome, record_attempt
from tcm_common.auth.login_throttle import LoginThrottle
from tcm_common.auth.opaque_tokens import digest, new_refresh_token
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.session_store import RevocationReason, SessionInfo
from tcm_common.auth.user_store import Credentials, principal_of
from tcm_common.auth.usernames import normalize_username
from tcm_common.domain.errors import NotFound, RateLimited, Unauthenticated
from tcm_common.domain.principal import Principal
from tcm_common.telemetry.caller import record_caller

logger = logging.getLogger(__name__)

SESSION_LIFETIME = timedelta(days=7)
# One message for unknown user, wrong password and disabled account: nothing to enumerate.
INVALID_CREDENTIALS = "invalid username or password"
SESSION_ENDED = "the session has ended; sign in again"


@dataclass(frozen=True, slots=True)
class IssuedSession:
    principal: Principal
    session_id: UUID
    access_token: str = field(repr=False)
    access_expires_at: datetime
    refresh_token: str = field(repr=False)
    refresh_expires_at: datetime
    cookies: tuple[CookieSpec, CookieSpec]  # (access, refresh)


class SessionService:
    def __init__(
        self,
        pool: asyncpg.Pool,
        *,
        hasher: PasswordHasher,
        issuer: AccessTokenIssuer,
        cookies: CookiePolicy,
        throttle: LoginThrottle,
        lifetime: timedelta = SESSION_LIFETIME,
    ) -> None:
        self._pool = pool
        self._hasher = hasher
        self._issuer = issuer
        self._cookies = cookies
        self._throttle = throttle
        self._lifetime = lifetime

    async def login(self, username: str, password: str, *, client: ClientInfo) -> IssuedSession:
        """A new session, or Unauthenticated (uniform) or RateLimited (too many recent failures)."""
        client = client.bounded()
        name = normalize_username(username)
        async with self._pool.acquire() as db:
            retry_after = await self._throttle.retry_after(db, username=name, address=client.address)
            if retry_after is not None:
                await record_attempt(
                    db, username=name, user_id=None, client=client, outcome=AttemptOutcome.THROTTLED
                )
                raise RateLimited(retry_after)
            credentials = await user_store.find_credentials(db, name)
        # No connection is held while hashing; an unknown user costs the same (a dummy hash is verified).
        matches = await self._hasher.verify(credentials.password_hash if credentials else None, password)
        if credentials is None or not matches or credentials.account.disabled:
            await self._record_failure(name, credentials, client)
            raise Unauthenticated(INVALID_CREDENTIALS)
        return await self._start_session(name, credentials, password, client)

    async def refresh(self, refresh_token: str | None, *, client: ClientInfo) -> IssuedSession:
        """Exchanges the refresh token for a new pair; a reused token revokes its whole session."""
        if not refresh_token:
            raise Unauthenticated(SESSION_ENDED)
        client = client.bounded()
        presented = digest(refresh_token)
        replacement = new_refresh_token()
        async with self._pool.acquire() as db, db.transaction():
            state = await session_store.lock_refresh_token(db, presented)
            if state is not None and state.rotated:
                await session_store.revoke_session(db, state.session_id, RevocationReason.REUSE_DETECTED)
            elif state is not None and state.session_active:
                await session_store.rotate_refresh_token(
                    db,
                    session_id=state.session_id,
                    old_hash=presented,
                    new_hash=digest(replacement),
                    client=client,
                )
        if state is None or state.rotated or not state.session_active:
            if state is not None and state.rotated:
                logger.warning(
                    "refresh token reused: session %s of user %s revoked",
                    state.session_id,
                    state.principal.user_id,
                )
            raise Unauthenticated(SESSION_ENDED)
        return self._issue(state.principal, state.session_id, replacement, state.session_expires_at)

    async def logout(
        self, refresh_token: str | None, *, authentication: Authentication | None = None
    ) -> tuple[CookieSpec, CookieSpec]:
        """Revokes the session of the refresh token (and of the access token); returns clearing cookies.

        Never fails: logging out without a valid session still clears the cookies.
        """
        async with self._pool.acquire() as db, db.transaction():
            session_ids: set[UUID] = set()
            if refresh_token:
                found = await session_store.find_session_of_refresh_token(db, digest(refresh_token))
                if found is not None:
                    session_ids.add(found)
            if authentication is not None and authentication.session_id is not None:
                session_ids.add(authentication.session_id)
            for session_id in session_ids:
                await session_store.revoke_session(db, session_id, RevocationReason.LOGOUT)
        return self._cookies.clearing_cookies()

    async def list_sessions(self, actor: Principal) -> list[SessionInfo]:
        """The actor's own active sessions, most recently used first."""
        async with self._pool.acquire() as db:
            return await session_store.list_active_sessions(db, actor.user_id)

    async def revoke_session(self, actor: Principal, session_id: UUID) -> None:
        async with self._pool.acquire() as db:
            revoked = await session_store.revoke_session(
                db, session_id, RevocationReason.REVOKED, user_id=actor.user_id
            )
        if not revoked:
            raise NotFound("session", session_id)

    async def _record_failure(self, name: str, credentials: Credentials | None, client: ClientInfo) -> None:
        user_id = credentials.account.id if credentials is not None else None
        async with self._pool.acquire() as db, db.transaction():
            await self._throttle.record_failure(db, username=name, address=client.address)
            await record_attempt(
                db, username=name, user_id=user_id, client=client, outcome=AttemptOutcome.FAILED
            )
        logger.info("login failed from %s", client.address or "an unknown address")

    async def _start_session(
        self, name: str, credentials: Credentials, password: str, client: ClientInfo
    ) -> IssuedSession:
        account = credentials.account
        # Hashes made with older parameters are upgraded now, the only time the password is at hand.
        upgraded = (
            await self._hasher.hash(password)
            if self._hasher.needs_rehash(credentials.password_hash)
            else None
        )
        refresh_token = new_refresh_token()
        async with self._pool.acquire() as db, db.transaction():
            await self._throttle.clear_username(db, name)
            await record_attempt(
                db, username=name, user_id=account.id, client=client, outcome=AttemptOutcome.SUCCEEDED
            )
            await user_store.record_login(db, account.id, upgraded_hash=upgraded)
            session = await session_store.create_session(
                db,
                user_id=account.id,
                lifetime=self._lifetime,
                client=client,
                token_hash=digest(refresh_token),
            )
        logger.info("user %s signed in (session %s)", account.id, session.id)
        return self._issue(principal_of(account), session.id, refresh_token, session.expires_at)

    def _issue(
        self, principal: Principal, session_id: UUID, refresh_token: str, refresh_expires_at: datetime
    ) -> IssuedSession:
        record_caller(principal)  # login and refresh: who the request acts for from now on
        access = self._issuer.issue(user_id=principal.user_id, role=principal.role, session_id=session_id)
        cookies = self._cookies.session_cookies(
            access_token=access.token,
            access_expires_at=access.expires_at,
            refresh_token=refresh_token,
            refresh_expires_at=refresh_expires_at,
            now=utc_now(),
        )
        return IssuedSession(
            principal=principal,
            session_id=session_id,
            access_token=access.token,
            access_expires_at=access.expires_at,
            refresh_token=refresh_token,
            refresh_expires_at=refresh_expires_at,
            cookies=cookies,
        )
