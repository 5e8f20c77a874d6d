"""Credentials, session cookies and the CSRF guard through a real Litestar app and database."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from web_harness import opener_for, settings_on, web_app, web_client

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.testing import (
    TEST_ORIGIN,
    TEST_PASSWORD,
    auth_services_for_tests,
    create_user,
    fast_password_hasher,
)
from tcm_common.domain.principal import Role
from tcm_common.settings import Settings

JSON_FROM_SITE = {"origin": TEST_ORIGIN, "content-type": "application/json"}


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_on(database_url)


@pytest.fixture
async def client(
    migrated_pool: asyncpg.Pool, database_url: str, settings: Settings  # noqa: ARG001 requested for its side effect
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with web_client(web_app(opener_for(database_url, settings))) as client:
        yield client


async def _login(client: AsyncTestClient[Litestar], pool: asyncpg.Pool) -> str:
    user = await create_user(pool, fast_password_hasher(), role=Role.TESTER)
    response = await client.post(
        "/login", json={"username": user.username, "password": TEST_PASSWORD}, headers=JSON_FROM_SITE
    )
    assert response.status_code == 201, response.text
    return user.username


async def test_login_sets_both_cookies_with_the_policy_attributes(
    client: AsyncTestClient[Litestar], migrated_pool: asyncpg.Pool
) -> None:
    username = await _login(client, migrated_pool)
    assert {cookie.name for cookie in client.cookies.jar} == {"__Host-tcm_access", "__Host-tcm_refresh"}
    who = await client.get("/whoami")
    assert who.json() == {"username": username, "source": "COOKIE"}


async def test_set_cookie_headers_are_http_only_secure_strict_and_host_prefixed(
    client: AsyncTestClient[Litestar], migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, fast_password_hasher())
    response = await client.post(
        "/login", json={"username": user.username, "password": TEST_PASSWORD}, headers=JSON_FROM_SITE
    )
    headers = response.headers.get_list("set-cookie")
    assert len(headers) == 2
    for header in headers:
        attributes = {part.strip().split("=")[0].lower() for part in header.split(";")}
        assert header.startswith("__Host-tcm_")
        assert {"httponly", "secure", "path", "max-age", "samesite"} <= attributes
        assert "samesite=strict" in header.lower()
        assert "domain" not in attributes
    assert response.json() == {"username": user.username}


async def test_logout_clears_both_cookies_and_the_session_stops_working(
    client: AsyncTestClient[Litestar], migrated_pool: asyncpg.Pool
) -> None:
    await _login(client, migrated_pool)
    access = client.cookies.get("__Host-tcm_access")
    response = await client.post("/logout", headers=JSON_FROM_SITE)
    cleared = response.headers.get_list("set-cookie")
    assert sorted(header.split("=")[0] for header in cleared) == ["__Host-tcm_access", "__Host-tcm_refresh"]
    assert all("max-age=0" in header.lower() for header in cleared)
    client.cookies.clear()
    replay = await client.get("/whoami", headers={"cookie": f"__Host-tcm_access={access}"})
    assert replay.status_code == 401
    assert replay.json()["code"] == "UNAUTHENTICATED"


async def test_bearer_access_token_and_api_token_authenticate_without_cookies(
    client: AsyncTestClient[Litestar], migrated_pool: asyncpg.Pool, settings: Settings
) -> None:
    # Same keys as the app, but a pool of this test's event loop.
    auth = auth_services_for_tests(migrated_pool, auth=settings.auth)
    user = await create_user(migrated_pool, fast_password_hasher())
    issued = await auth.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo())
    bearer = await client.get("/whoami", headers={"authorization": f"Bearer {issued.access_token}"})
    assert bearer.json() == {"username": user.username, "source": "BEARER_TOKEN"}
    authentication = await auth.authenticator.authenticate(access_cookie=issued.access_token)
    token = await auth.api_tokens.create(authentication, name="ci", expires_at=datetime.now(UTC) + timedelta(days=1))
    api = await client.get("/whoami", headers={"authorization": f"Bearer {token.secret}"})
    assert api.json() == {"username": user.username, "source": "API_TOKEN"}


async def test_no_credentials_is_anonymous_and_a_bad_one_is_refused(
    client: AsyncTestClient[Litestar],
) -> None:
    assert (await client.get("/whoami")).json() == {"username": None, "source": None}
    refused = await client.get("/whoami", headers={"authorization": "Bearer not-a-token"})
    assert refused.status_code == 401
    assert refused.json()["code"] == "UNAUTHENTICATED"


async def test_a_cross_origin_post_with_the_cookie_is_refused(
    client: AsyncTestClient[Litestar], migrated_pool: asyncpg.Pool
) -> None:
    await _login(client, migrated_pool)
    forged = await client.post(
        "/echo", json={"a": 1}, headers={"origin": "https://evil.example", "content-type": "application/json"}
    )
    assert forged.status_code == 403
    assert forged.json()["code"] == "PERMISSION_DENIED"
    form = await client.post("/echo", content=b"a=1", headers={"origin": TEST_ORIGIN, "content-type": "text/plain"})
    assert form.status_code == 403
    same_site = await client.post("/echo", json={"a": 1}, headers=JSON_FROM_SITE)
    assert (same_site.status_code, same_site.json()) == (201, {"a": 1})


async def test_tools_with_an_authorization_header_are_not_subject_to_the_browser_guard(
    client: AsyncTestClient[Litestar],
) -> None:
    # The guard passes them on; authentication, not the guard, decides about the token.
    response = await client.post("/echo", json={"a": 1}, headers={"authorization": "Bearer x"})
    assert response.status_code == 201
