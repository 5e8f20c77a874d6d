import hashlib

import asyncpg
import pytest

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.password_hashing import Argon2Parameters, PasswordHasher
from tcm_common.auth.sessions import INVALID_CREDENTIALS
from tcm_common.auth.testing import (
    FAST_PARAMETERS,
    TEST_PASSWORD,
    auth_services_for_tests,
    create_user,
    unique_username,
)
from tcm_common.auth.wiring import AuthServices
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.principal import Role

CLIENT = ClientInfo(address="203.0.113.7", user_agent="pytest browser")


@pytest.fixture(scope="module")
def auth(migrated_pool: asyncpg.Pool) -> AuthServices:
    return auth_services_for_tests(migrated_pool)


async def test_login_returns_the_principal_and_the_two_cookies_holding_the_tokens(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, auth.password_hasher, role=Role.MANAGER)
    session = await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)
    assert session.principal.user_id == user.id
    assert session.principal.role is Role.MANAGER
    access, refresh = session.cookies
    assert (access.name, access.value) == ("__Host-tcm_access", session.access_token)
    assert (refresh.name, refresh.value) == ("__Host-tcm_refresh", session.refresh_token)
    assert 890 <= access.max_age <= 900
    assert 7 * 86400 - 10 <= refresh.max_age <= 7 * 86400
    authenticated = await auth.authenticator.authenticate(access_cookie=access.value)
    assert authenticated.principal == session.principal
    assert authenticated.session_id == session.session_id


async def test_tokens_never_show_in_the_repr_of_the_result(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, auth.password_hasher)
    session = await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)
    assert session.access_token not in repr(session)
    assert session.refresh_token not in repr(session)


async def test_only_a_digest_of_the_refresh_token_is_stored(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, auth.password_hasher)
    session = await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)
    async with migrated_pool.acquire() as db:
        stored = await db.fetchval(
            "SELECT token_hash FROM refresh_tokens WHERE session_id = $1", session.session_id
        )
        row = await db.fetchrow("SELECT * FROM auth_sessions WHERE id = $1", session.session_id)
    assert stored == hashlib.sha256(session.refresh_token.encode()).digest()
    assert row is not None
    assert session.refresh_token not in repr(dict(row))
    assert (row["user_agent"], row["client_address"]) == ("pytest browser", "203.0.113.7")


async def test_usernames_match_whatever_their_case_and_surrounding_spaces(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, auth.password_hasher)
    session = await auth.sessions.login(f"  {user.username.upper()} ", TEST_PASSWORD, client=CLIENT)
    assert session.principal.username == user.username


async def test_unknown_user_wrong_password_and_disabled_user_fail_alike(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, auth.password_hasher)
    disabled = await create_user(migrated_pool, auth.password_hasher)
    async with migrated_pool.acquire() as db:
        await db.execute("UPDATE users SET disabled = true WHERE id = $1", disabled.id)
    attempts = [
        (unique_username("nobody"), TEST_PASSWORD),
        (user.username, "not the password at all"),
        (disabled.username, TEST_PASSWORD),
    ]
    messages = []
    for username, password in attempts:
        with pytest.raises(Unauthenticated) as refused:
            await auth.sessions.login(username, password, client=CLIENT)
        messages.append(refused.value.message)
    assert messages == [INVALID_CREDENTIALS] * 3


async def test_a_login_sets_last_login_and_records_the_attempt(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, auth.password_hasher)
    with pytest.raises(Unauthenticated):
        await auth.sessions.login(user.username, "a wrong password!", client=CLIENT)
    await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)
    async with migrated_pool.acquire() as db:
        last_login = await db.fetchval("SELECT last_login_at FROM users WHERE id = $1", user.id)
        attempts = await db.fetch(
            "SELECT outcome, user_id, client_address, user_agent FROM login_attempts "
            "WHERE username = $1 ORDER BY id",
            user.username,
        )
    assert last_login is not None
    assert [tuple(attempt) for attempt in attempts] == [
        ("FAILED", user.id, "203.0.113.7", "pytest browser"),
        ("SUCCEEDED", user.id, "203.0.113.7", "pytest browser"),
    ]


async def test_a_hash_with_old_parameters_is_upgraded_at_login(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    weaker = PasswordHasher(Argon2Parameters(time_cost=1, memory_cost_kib=512, parallelism=1))
    user = await create_user(migrated_pool, weaker)
    assert auth.password_hasher.parameters == FAST_PARAMETERS
    await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)
    async with migrated_pool.acquire() as db:
        row = await db.fetchrow("SELECT password_hash, version FROM users WHERE id = $1", user.id)
    assert row is not None
    assert row["password_hash"].startswith("$argon2id$v=19$m=1024,t=1,p=1$")
    assert row["version"] == user.version
    # The upgraded hash still holds the same password.
    await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)
