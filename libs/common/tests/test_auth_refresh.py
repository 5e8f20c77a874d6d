import asyncio
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from tcm_common.auth.authentication import CredentialSource
from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.opaque_tokens import digest, unseal_successor
from tcm_common.auth.sessions import SESSION_ENDED, IssuedSession
from tcm_common.auth.testing import TEST_PASSWORD, auth_services_for_tests, auth_settings_for_tests, create_user
from tcm_common.auth.wiring import AuthServices
from tcm_common.domain.errors import NotFound, Unauthenticated
from tcm_common.domain.principal import Role

CLIENT = ClientInfo(address="198.51.100.1", user_agent="browser one")


@pytest.fixture(scope="module")
def auth(migrated_pool: asyncpg.Pool) -> AuthServices:
    return auth_services_for_tests(migrated_pool)


async def _login(auth: AuthServices, pool: asyncpg.Pool, role: Role = Role.TESTER) -> IssuedSession:
    user = await create_user(pool, auth.password_hasher, role=role)
    return await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)


async def _refused_refresh(auth: AuthServices, token: str) -> None:
    with pytest.raises(Unauthenticated) as refused:
        await auth.sessions.refresh(token, client=CLIENT)
    assert refused.value.message == SESSION_ENDED


async def _refused_access(auth: AuthServices, session: IssuedSession) -> None:
    with pytest.raises(Unauthenticated):
        await auth.authenticator.authenticate(access_cookie=session.access_token)


async def test_refresh_rotates_the_refresh_token_and_issues_a_new_access_token(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    first = await _login(auth, migrated_pool)
    second = await auth.sessions.refresh(
        first.refresh_token, client=ClientInfo("198.51.100.2", "browser two")
    )
    assert second.refresh_token != first.refresh_token
    assert second.session_id == first.session_id
    assert second.principal == first.principal
    # The absolute lifetime does not move with rotation.
    assert second.refresh_expires_at == first.refresh_expires_at
    authenticated = await auth.authenticator.authenticate(access_cookie=second.access_token)
    assert authenticated.source is CredentialSource.COOKIE
    third = await auth.sessions.refresh(second.refresh_token, client=CLIENT)
    assert third.session_id == first.session_id
    sessions = await auth.sessions.list_sessions(first.principal)
    assert [(session.id, session.user_agent) for session in sessions] == [(first.session_id, "browser one")]


async def test_reusing_a_rotated_refresh_token_revokes_the_whole_family(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    first = await _login(auth, migrated_pool)
    rotated_to = await auth.sessions.refresh(first.refresh_token, client=CLIENT)
    await _refused_refresh(auth, first.refresh_token)
    # The token it was rotated to, and every access token of the family, die with it.
    await _refused_refresh(auth, rotated_to.refresh_token)
    await _refused_access(auth, rotated_to)
    await _refused_access(auth, first)
    async with migrated_pool.acquire() as db:
        reason = await db.fetchval("SELECT revoked_reason FROM auth_sessions WHERE id = $1", first.session_id)
    assert reason == "REUSE_DETECTED"


async def test_two_refreshes_racing_with_one_token_end_the_session(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth, migrated_pool)
    results = await asyncio.gather(
        auth.sessions.refresh(session.refresh_token, client=CLIENT),
        auth.sessions.refresh(session.refresh_token, client=CLIENT),
        return_exceptions=True,
    )
    winners = [result for result in results if isinstance(result, IssuedSession)]
    assert len(winners) == 1
    assert sum(isinstance(result, Unauthenticated) for result in results) == 1
    await _refused_refresh(auth, winners[0].refresh_token)


async def test_other_sessions_of_the_user_survive_a_reuse(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, auth.password_hasher)
    laptop = await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)
    phone = await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)
    await auth.sessions.refresh(laptop.refresh_token, client=CLIENT)
    await _refused_refresh(auth, laptop.refresh_token)
    await auth.sessions.refresh(phone.refresh_token, client=CLIENT)


async def test_unknown_and_missing_refresh_tokens_are_refused(auth: AuthServices) -> None:
    await _refused_refresh(auth, "no-such-token")
    with pytest.raises(Unauthenticated):
        await auth.sessions.refresh(None, client=CLIENT)


async def test_a_session_past_its_absolute_lifetime_can_not_be_refreshed(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth, migrated_pool)
    async with migrated_pool.acquire() as db:
        await db.execute(
            "UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE id = $1",
            session.session_id,
        )
    await _refused_refresh(auth, session.refresh_token)
    await _refused_access(auth, session)


async def test_the_refresh_cookie_lives_as_long_as_the_session(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth, migrated_pool)
    async with migrated_pool.acquire() as db:
        await db.execute(
            "UPDATE auth_sessions SET expires_at = now() + interval '1 hour' WHERE id = $1",
            session.session_id,
        )
    refreshed = await auth.sessions.refresh(session.refresh_token, client=CLIENT)
    assert 3590 <= refreshed.cookies[1].max_age <= 3600
    assert refreshed.refresh_expires_at - datetime.now(UTC) < timedelta(hours=1)


async def test_logout_ends_the_session_at_once_and_clears_both_cookies(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth, migrated_pool)
    cleared = await auth.sessions.logout(session.refresh_token)
    assert [(cookie.name, cookie.value, cookie.max_age) for cookie in cleared] == [
        ("__Host-tcm_access", "", 0),
        ("__Host-tcm_refresh", "", 0),
    ]
    await _refused_access(auth, session)
    await _refused_refresh(auth, session.refresh_token)


async def test_logout_with_only_the_access_cookie_ends_that_session(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth, migrated_pool)
    authentication = await auth.authenticator.authenticate(access_cookie=session.access_token)
    await auth.sessions.logout(None, authentication=authentication)
    await _refused_refresh(auth, session.refresh_token)


async def test_logout_without_a_session_still_clears_the_cookies(auth: AuthServices) -> None:
    assert len(await auth.sessions.logout(None)) == 2
    assert len(await auth.sessions.logout("unknown-token")) == 2


async def test_a_user_lists_and_revokes_their_own_sessions_only(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, auth.password_hasher)
    first = await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)
    second = await auth.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo(user_agent="phone"))
    listed = await auth.sessions.list_sessions(first.principal)
    assert {session.id for session in listed} == {first.session_id, second.session_id}
    stranger = await _login(auth, migrated_pool)
    with pytest.raises(NotFound):
        await auth.sessions.revoke_session(stranger.principal, first.session_id)
    await auth.sessions.revoke_session(first.principal, first.session_id)
    await _refused_access(auth, first)
    await _refused_refresh(auth, first.refresh_token)
    assert [session.id for session in await auth.sessions.list_sessions(first.principal)] == [
        second.session_id
    ]
    with pytest.raises(NotFound):
        await auth.sessions.revoke_session(first.principal, first.session_id)


@pytest.fixture(scope="module")
def auth_with_grace(migrated_pool: asyncpg.Pool) -> AuthServices:
    return auth_services_for_tests(migrated_pool, auth=auth_settings_for_tests(refresh_grace_seconds=30))


async def _age_rotations(pool: asyncpg.Pool, session: IssuedSession, seconds: int) -> None:
    """As if the session's tokens had been rotated `seconds` ago (no waiting in tests)."""
    async with pool.acquire() as db:
        await db.execute(
            """
            UPDATE refresh_tokens SET rotated_at = rotated_at - make_interval(secs => $2)
            WHERE session_id = $1 AND rotated_at IS NOT NULL
            """,
            session.session_id,
            seconds,
        )


async def test_tabs_refreshing_at_once_within_the_grace_get_the_same_new_session(
    auth_with_grace: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth_with_grace, migrated_pool)
    tabs = await asyncio.gather(
        *(auth_with_grace.sessions.refresh(session.refresh_token, client=CLIENT) for _ in range(3))
    )
    assert {tab.refresh_token for tab in tabs} == {tabs[0].refresh_token}
    assert tabs[0].refresh_token != session.refresh_token
    assert {tab.session_id for tab in tabs} == {session.session_id}
    for tab in tabs:
        await auth_with_grace.authenticator.authenticate(access_cookie=tab.access_token)
    # The one new refresh token goes on rotating as usual.
    later = await auth_with_grace.sessions.refresh(tabs[0].refresh_token, client=CLIENT)
    assert later.session_id == session.session_id
    async with migrated_pool.acquire() as db:
        reason = await db.fetchval("SELECT revoked_reason FROM auth_sessions WHERE id = $1", session.session_id)
        stored = await db.fetchval(
            "SELECT count(*) FROM refresh_tokens WHERE session_id = $1", session.session_id
        )
    assert reason is None
    assert stored == 3  # the login's, the one the tabs shared, the latest: nothing forked


async def test_a_late_tab_within_the_grace_follows_the_rotations_to_the_current_token(
    auth_with_grace: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth_with_grace, migrated_pool)
    first = await auth_with_grace.sessions.refresh(session.refresh_token, client=CLIENT)
    second = await auth_with_grace.sessions.refresh(first.refresh_token, client=CLIENT)
    late = await auth_with_grace.sessions.refresh(session.refresh_token, client=CLIENT)
    assert late.refresh_token == second.refresh_token
    assert late.session_id == session.session_id


async def test_reuse_after_the_grace_still_revokes_the_family(
    auth_with_grace: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth_with_grace, migrated_pool)
    rotated_to = await auth_with_grace.sessions.refresh(session.refresh_token, client=CLIENT)
    await _age_rotations(migrated_pool, session, 31)
    await _refused_refresh(auth_with_grace, session.refresh_token)
    await _refused_refresh(auth_with_grace, rotated_to.refresh_token)
    await _refused_access(auth_with_grace, rotated_to)
    async with migrated_pool.acquire() as db:
        reason = await db.fetchval("SELECT revoked_reason FROM auth_sessions WHERE id = $1", session.session_id)
    assert reason == "REUSE_DETECTED"


async def test_the_grace_does_not_revive_an_ended_session(
    auth_with_grace: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth_with_grace, migrated_pool)
    rotated_to = await auth_with_grace.sessions.refresh(session.refresh_token, client=CLIENT)
    await auth_with_grace.sessions.logout(rotated_to.refresh_token)
    await _refused_refresh(auth_with_grace, session.refresh_token)


async def test_the_database_never_holds_a_usable_successor(
    auth_with_grace: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth_with_grace, migrated_pool)
    rotated_to = await auth_with_grace.sessions.refresh(session.refresh_token, client=CLIENT)
    async with migrated_pool.acquire() as db:
        sealed = await db.fetchval(
            "SELECT successor_sealed FROM refresh_tokens WHERE token_hash = $1", digest(session.refresh_token)
        )
    assert sealed is not None
    assert rotated_to.refresh_token.encode() not in sealed
    assert unseal_successor(session.refresh_token, sealed) == rotated_to.refresh_token
