import asyncpg
import pytest

from tcm_common.auth.authentication import CREDENTIALS_REFUSED, MALFORMED_AUTHORIZATION, CredentialSource
from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.sessions import IssuedSession
from tcm_common.auth.testing import TEST_PASSWORD, auth_services_for_tests, create_user
from tcm_common.auth.wiring import AuthServices
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.principal import Role


@pytest.fixture(scope="module")
def auth(migrated_pool: asyncpg.Pool) -> AuthServices:
    return auth_services_for_tests(migrated_pool)


async def _login(auth: AuthServices, pool: asyncpg.Pool, role: Role = Role.TESTER) -> IssuedSession:
    user = await create_user(pool, auth.password_hasher, role=role)
    return await auth.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo())


async def test_a_bearer_access_token_authenticates(auth: AuthServices, migrated_pool: asyncpg.Pool) -> None:
    session = await _login(auth, migrated_pool, Role.ADMIN)
    authenticated = await auth.authenticator.authenticate(authorization=f"Bearer {session.access_token}")
    assert authenticated.principal == session.principal
    assert authenticated.source is CredentialSource.BEARER_TOKEN
    assert authenticated.expires_at == session.access_expires_at
    # The scheme is case-insensitive (RFC 9110).
    await auth.authenticator.authenticate(authorization=f"bearer  {session.access_token} ")


async def test_the_access_cookie_authenticates(auth: AuthServices, migrated_pool: asyncpg.Pool) -> None:
    session = await _login(auth, migrated_pool)
    authenticated = await auth.authenticator.authenticate(access_cookie=session.access_token)
    assert authenticated.source is CredentialSource.COOKIE


async def test_an_authorization_header_wins_over_the_cookie_even_when_it_is_bad(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth, migrated_pool)
    with pytest.raises(Unauthenticated):
        await auth.authenticator.authenticate(
            authorization="Bearer nonsense", access_cookie=session.access_token
        )


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "Bearer a b"])
async def test_malformed_authorization_headers_are_refused(auth: AuthServices, header: str) -> None:
    with pytest.raises(Unauthenticated) as refused:
        await auth.authenticator.authenticate(authorization=header)
    assert refused.value.message == MALFORMED_AUTHORIZATION


async def test_no_credentials_at_all_is_unauthenticated(auth: AuthServices) -> None:
    with pytest.raises(Unauthenticated):
        await auth.authenticator.authenticate()
    with pytest.raises(Unauthenticated):
        await auth.authenticator.authenticate(access_cookie="")


async def test_a_disabled_user_is_refused_at_once_despite_a_valid_access_token(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _login(auth, migrated_pool)
    async with migrated_pool.acquire() as db:
        # Straight in the table: even without the use case revoking sessions, the flag alone refuses.
        await db.execute("UPDATE users SET disabled = true WHERE id = $1", session.principal.user_id)
    with pytest.raises(Unauthenticated) as refused:
        await auth.authenticator.authenticate(authorization=f"Bearer {session.access_token}")
    assert refused.value.message == CREDENTIALS_REFUSED


async def test_a_deleted_user_is_refused(auth: AuthServices, migrated_pool: asyncpg.Pool) -> None:
    session = await _login(auth, migrated_pool)
    async with migrated_pool.acquire() as db:
        await db.execute("DELETE FROM users WHERE id = $1", session.principal.user_id)
    with pytest.raises(Unauthenticated):
        await auth.authenticator.authenticate(access_cookie=session.access_token)


async def test_a_token_of_another_deployment_is_refused(migrated_pool: asyncpg.Pool) -> None:
    ours = auth_services_for_tests(migrated_pool)
    theirs = auth_services_for_tests(migrated_pool)  # its own freshly generated key pair
    session = await _login(theirs, migrated_pool)
    with pytest.raises(Unauthenticated):
        await ours.authenticator.authenticate(access_cookie=session.access_token)
