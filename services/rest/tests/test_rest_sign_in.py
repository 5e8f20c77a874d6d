"""/api/v1/auth: browser sessions in cookies, the CSRF guard and login throttling."""

import httpx
from rest_actors import BROWSER, Actor, Session, login, set_cookies
from rest_api import expect, problem

from tcm_common.auth.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from tcm_common.auth.login_throttle import ThrottlePolicy
from tcm_common.auth.testing import TEST_PASSWORD
from tcm_common.domain.principal import Role

LOGIN = "/api/v1/auth/login"


async def test_login_sets_strict_host_only_cookies_and_never_returns_a_token(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    user = actors[Role.TESTER].user
    response = await client.post(LOGIN, json={"username": user.username, "password": TEST_PASSWORD}, headers=BROWSER)

    body = expect(response, 200)
    assert (body["userId"], body["username"], body["role"]) == (str(user.id), user.username, "TESTER")
    assert body["accessExpiresAt"] < body["sessionExpiresAt"]
    cookies = set_cookies(response)
    assert set(cookies) == {ACCESS_COOKIE, REFRESH_COOKIE}
    assert all(value not in response.text for value in cookies.values())
    for header in response.headers.get_list("set-cookie"):
        attributes = {part.strip().lower() for part in header.split(";")}
        assert {"httponly", "secure", "samesite=strict", "path=/"} <= attributes, header


async def test_failed_logins_look_alike_and_get_throttled(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    user = actors[Role.MANAGER].user
    wrong = await client.post(LOGIN, json={"username": user.username, "password": "wrong password"}, headers=BROWSER)
    unknown = await client.post(LOGIN, json={"username": "nobody_at_all", "password": "wrong"}, headers=BROWSER)
    assert problem(wrong, 401, "UNAUTHENTICATED")["detail"] == problem(unknown, 401, "UNAUTHENTICATED")["detail"]

    attempt = {"username": "locked_out_user", "password": "guess"}
    # The free failures of the username-and-address pair, then one that starts its backoff.
    tries = ThrottlePolicy().per_pair.free_failures + 1
    statuses = [(await client.post(LOGIN, json=attempt, headers=BROWSER)).status_code for _ in range(tries)]
    throttled = await client.post(LOGIN, json=attempt, headers=BROWSER)

    assert statuses == [401] * tries
    problem(throttled, 429, "RATE_LIMITED")
    assert 0 < int(throttled.headers["retry-after"]) <= 15 * 60


async def test_login_is_refused_without_an_allowed_origin(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    credentials = {"username": actors[Role.TESTER].user.username, "password": TEST_PASSWORD}
    foreign = {"Origin": "https://evil.example", "Content-Type": "application/json"}
    problem(await client.post(LOGIN, json=credentials), 403, "PERMISSION_DENIED")
    problem(await client.post(LOGIN, json=credentials, headers=foreign), 403, "PERMISSION_DENIED")


async def test_cookie_requests_pass_the_csrf_guard_only_from_the_web_app(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    manager = await login(client, actors[Role.MANAGER].user.username)
    suite = {"name": "from the browser", "estimatedStartDate": "2026-01-01", "estimatedEndDate": "2026-01-02"}
    as_form = {**manager.cookies, "Origin": BROWSER["Origin"], "Content-Type": "text/plain"}

    read = await client.get("/api/v1/me", headers=manager.cookies)
    forged = await client.post("/api/v1/test-suites", json=suite, headers=manager.cookies)
    form = await client.post("/api/v1/test-suites", content=b"{}", headers=as_form)
    sent = await client.post("/api/v1/test-suites", json=suite, headers={**manager.cookies, **BROWSER})

    assert expect(read, 200)["username"] == actors[Role.MANAGER].user.username
    assert "cross-site" in problem(forged, 403, "PERMISSION_DENIED")["detail"]
    problem(form, 403, "PERMISSION_DENIED")
    expect(sent, 201)


async def test_refresh_rotates_the_cookies_and_a_reused_refresh_cookie_ends_the_session(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    first = await login(client, actors[Role.TESTER].user.username)

    refreshed = await client.post("/api/v1/auth/refresh", headers={**first.cookies, **BROWSER})
    cookies = set_cookies(refreshed)
    second = Session(cookies[ACCESS_COOKIE], cookies[REFRESH_COOKIE])
    reused = await client.post("/api/v1/auth/refresh", headers={**first.cookies, **BROWSER})

    assert expect(refreshed, 200)["username"] == actors[Role.TESTER].user.username
    assert second.refresh_token != first.refresh_token
    problem(reused, 401, "UNAUTHENTICATED")
    problem(await client.get("/api/v1/me", headers=second.bearer), 401, "UNAUTHENTICATED")


async def test_refresh_without_a_cookie_is_401(client: httpx.AsyncClient) -> None:
    problem(await client.post("/api/v1/auth/refresh", headers=BROWSER), 401, "UNAUTHENTICATED")


async def test_logout_revokes_the_session_and_clears_both_cookies(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    session = await login(client, actors[Role.TESTER].user.username)

    response = await client.post("/api/v1/auth/logout", headers={**session.cookies, **BROWSER})
    anonymous = await client.post("/api/v1/auth/logout", headers=BROWSER)

    assert response.status_code == 204
    assert set_cookies(response) == {ACCESS_COOKIE: "", REFRESH_COOKIE: ""}
    assert all("max-age=0" in header.lower() for header in response.headers.get_list("set-cookie"))
    problem(await client.get("/api/v1/me", headers=session.bearer), 401, "UNAUTHENTICATED")
    assert anonymous.status_code == 204


async def test_credentials_that_are_missing_malformed_or_forged_are_401(client: httpx.AsyncClient) -> None:
    missing = await client.get("/api/v1/me")
    malformed = await client.get("/api/v1/me", headers={"Authorization": "Token abc"})
    forged = await client.get("/api/v1/me", headers={"Authorization": "Bearer eyJhbGciOiJFZERTQSJ9.e30.c2ln"})
    anonymous_write = await client.post("/api/v1/test-suites", json={})

    for response in (missing, malformed, forged, anonymous_write):
        problem(response, 401, "UNAUTHENTICATED")
    assert missing.headers["www-authenticate"].startswith("Bearer")
