"""Unit tests of the auth use cases over the in-memory fakes of their ports (no database, a fixed clock).

The same use cases run over PostgreSQL in the other test_auth_* modules; these pin the rules themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from tcm_common.application.pagination import PageRequest
from tcm_common.auth.access_tokens import AccessTokenIssuer, AccessTokenVerifier
from tcm_common.auth.api_tokens import ApiTokenService
from tcm_common.auth.authentication import Authentication, Authenticator, CredentialSource
from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.cookies import CookiePolicy
from tcm_common.auth.initial_admin import create_initial_admin
from tcm_common.auth.keys import generate_signing_key_pair, load_signing_key, load_verification_keys
from tcm_common.auth.login_throttle import LoginThrottle, ThrottleLimit, ThrottlePolicy
from tcm_common.auth.ports import AttemptOutcome, RevocationReason, ThrottleScope
from tcm_common.auth.sessions import REFRESH_GRACE, SessionService
from tcm_common.auth.testing import TEST_PASSWORD, fast_password_hasher
from tcm_common.auth.user_management import UserService
from tcm_common.domain.errors import Conflict, NotFound, PermissionDenied, RateLimited, Unauthenticated
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.user import User
from tcm_common.testing.auth_fakes import InMemoryAuthStorage
from tcm_common.testing.clock import ManualClock

CLIENT = ClientInfo(address="203.0.113.7", user_agent="unit-test")
ISSUER, AUDIENCE = "tcm-test", "tcm-test"


@dataclass
class Auth:
    clock: ManualClock
    storage: InMemoryAuthStorage
    sessions: SessionService
    users: UserService
    tokens: ApiTokenService
    authenticator: Authenticator

    async def add_user(self, username: str, role: Role) -> User:
        return await self.storage.add_user(
            username, role, password_hash=await fast_password_hasher().hash(TEST_PASSWORD)
        )


@pytest.fixture
def auth() -> Auth:
    clock = ManualClock()
    storage = InMemoryAuthStorage(clock)
    pair = generate_signing_key_pair()
    issuer = AccessTokenIssuer(
        load_signing_key(pair.private_pem, "k1", {"k1": pair.public_pem}),
        issuer=ISSUER,
        audience=AUDIENCE,
        clock=clock,
    )
    verifier = AccessTokenVerifier(
        load_verification_keys({"k1": pair.public_pem}), issuer=ISSUER, audience=AUDIENCE, clock=clock
    )
    limit = ThrottleLimit(max_failures=3, window=timedelta(minutes=15), lockout=timedelta(minutes=10))
    throttle = LoginThrottle(ThrottlePolicy(per_username=limit, per_address=limit))
    hasher = fast_password_hasher()
    return Auth(
        clock=clock,
        storage=storage,
        sessions=SessionService(storage, hasher=hasher, issuer=issuer, cookies=CookiePolicy(), throttle=throttle),
        users=UserService(storage, hasher=hasher, throttle=throttle),
        tokens=ApiTokenService(storage, clock=clock),
        authenticator=Authenticator(storage, verifier),
    )


def _principal(user: User) -> Principal:
    return Principal(user_id=user.id, username=user.username, role=user.role)


async def test_login_starts_a_session_and_records_the_attempt(auth: Auth) -> None:
    user = await auth.add_user("ada", Role.TESTER)

    issued = await auth.sessions.login("ADA", TEST_PASSWORD, client=CLIENT)

    assert issued.principal == _principal(user)
    assert [info.id for info in await auth.sessions.list_sessions(issued.principal)] == [issued.session_id]
    assert [attempt.outcome for attempt in auth.storage.tables.attempts] == [AttemptOutcome.SUCCEEDED]
    assert auth.storage.tables.users[user.id].account.last_login_at == auth.clock.now()
    signed_in = await auth.authenticator.authenticate(authorization=f"Bearer {issued.access_token}")
    assert signed_in.session_id == issued.session_id


async def test_failures_lock_the_username_until_the_lockout_has_passed(auth: Auth) -> None:
    await auth.add_user("bob", Role.TESTER)
    for _ in range(3):
        with pytest.raises(Unauthenticated):
            await auth.sessions.login("bob", "wrong password", client=CLIENT)

    with pytest.raises(RateLimited) as refused:
        await auth.sessions.login("bob", TEST_PASSWORD, client=CLIENT)
    assert refused.value.retry_after_seconds == 600
    outcomes = [attempt.outcome for attempt in auth.storage.tables.attempts]
    assert outcomes == [AttemptOutcome.FAILED] * 3 + [AttemptOutcome.THROTTLED]

    auth.clock.advance(timedelta(minutes=10, seconds=1))
    issued = await auth.sessions.login("bob", TEST_PASSWORD, client=CLIENT)
    assert issued.principal.username == "bob"
    assert (ThrottleScope.USERNAME, "bob") not in auth.storage.tables.throttle  # cleared by the success


async def test_a_reused_refresh_token_ends_its_session(auth: Auth) -> None:
    await auth.add_user("cy", Role.TESTER)
    first = await auth.sessions.login("cy", TEST_PASSWORD, client=CLIENT)
    second = await auth.sessions.refresh(first.refresh_token, client=CLIENT)
    assert second.session_id == first.session_id
    # Within the grace period another tab presenting the same token gets the same new session.
    again = await auth.sessions.refresh(first.refresh_token, client=CLIENT)
    assert again.refresh_token == second.refresh_token

    auth.clock.advance(REFRESH_GRACE + timedelta(seconds=1))
    with pytest.raises(Unauthenticated):
        await auth.sessions.refresh(first.refresh_token, client=CLIENT)

    assert auth.storage.tables.sessions[first.session_id].revoked is RevocationReason.REUSE_DETECTED
    with pytest.raises(Unauthenticated):
        await auth.sessions.refresh(second.refresh_token, client=CLIENT)


async def test_a_session_ends_at_its_absolute_expiry(auth: Auth) -> None:
    await auth.add_user("dee", Role.TESTER)
    issued = await auth.sessions.login("dee", TEST_PASSWORD, client=CLIENT)
    auth.clock.advance(timedelta(days=7, seconds=1))

    with pytest.raises(Unauthenticated):
        await auth.sessions.refresh(issued.refresh_token, client=CLIENT)


async def test_the_last_admin_cannot_be_demoted_and_a_role_change_ends_sessions(auth: Auth) -> None:
    admin = await auth.add_user("root", Role.ADMIN)
    other = await auth.add_user("second", Role.ADMIN)
    issued = await auth.sessions.login("second", TEST_PASSWORD, client=CLIENT)

    demoted = await auth.users.change_role(_principal(admin), other.id, Role.MANAGER)

    assert (demoted.role, demoted.version) == (Role.MANAGER, other.version + 1)
    assert auth.storage.tables.sessions[issued.session_id].revoked is RevocationReason.ROLE_CHANGED
    with pytest.raises(Conflict, match="last Admin"):
        await auth.users.set_disabled(_principal(admin), admin.id, True)
    with pytest.raises(PermissionDenied):
        await auth.users.change_role(_principal(admin), admin.id, Role.TESTER)
    assert auth.storage.tables.users[admin.id].account == admin


async def test_a_refused_change_leaves_nothing_behind(auth: Auth) -> None:
    admin = await auth.add_user("only", Role.ADMIN)
    await auth.sessions.login("only", TEST_PASSWORD, client=CLIENT)
    before = auth.storage.tables
    account = before.users[admin.id].account

    with pytest.raises(Conflict):
        await auth.users.delete_user(_principal(admin), admin.id)

    assert auth.storage.tables is before  # the transaction's copy was dropped
    assert auth.storage.tables.users[admin.id].account == account


async def test_api_tokens_belong_to_their_owner(auth: Auth) -> None:
    owner = await auth.add_user("owner", Role.TESTER)
    stranger = await auth.add_user("stranger", Role.TESTER)
    signed_in = Authentication(
        principal=_principal(owner),
        source=CredentialSource.COOKIE,
        expires_at=auth.clock.now() + timedelta(minutes=15),
        session_id=None,
    )
    created = await auth.tokens.create(signed_in, name=" ci ", expires_at=auth.clock.now() + timedelta(days=30))

    used = await auth.authenticator.authenticate(authorization=f"Bearer {created.secret}")
    assert (used.principal, used.source, created.info.name) == (signed_in.principal, CredentialSource.API_TOKEN, "ci")
    with pytest.raises(PermissionDenied):
        await auth.tokens.create(used, name="renewal", expires_at=auth.clock.now() + timedelta(days=30))
    with pytest.raises(NotFound):
        await auth.tokens.revoke(_principal(stranger), created.info.id)

    await auth.tokens.revoke(_principal(owner), created.info.id)
    assert (await auth.tokens.list_tokens(_principal(owner), PageRequest.of())).nodes == []
    with pytest.raises(Unauthenticated):
        await auth.authenticator.authenticate(authorization=f"Bearer {created.secret}")


async def test_disabling_a_user_refuses_their_api_tokens_at_once(auth: Auth) -> None:
    admin = await auth.add_user("boss", Role.ADMIN)
    worker = await auth.add_user("worker", Role.TESTER)
    signed_in = Authentication(_principal(worker), CredentialSource.COOKIE, auth.clock.now(), None)
    created = await auth.tokens.create(signed_in, name="ci", expires_at=auth.clock.now() + timedelta(days=1))

    await auth.users.set_disabled(_principal(admin), worker.id, True)

    with pytest.raises(Unauthenticated):
        await auth.authenticator.authenticate(authorization=f"Bearer {created.secret}")


async def test_the_initial_admin_is_made_once(auth: Auth) -> None:
    first = await create_initial_admin(
        auth.storage, fast_password_hasher(), username="Founder", password="a long enough passphrase"
    )
    assert (first.username, first.role) == ("founder", Role.ADMIN)

    with pytest.raises(Conflict, match="exists already"):
        await create_initial_admin(
            auth.storage, fast_password_hasher(), username="usurper", password="a long enough passphrase"
        )
    users = await auth.users.list_users(_principal(first), PageRequest.of())
    assert [account.username for account in users.nodes] == ["founder"]
