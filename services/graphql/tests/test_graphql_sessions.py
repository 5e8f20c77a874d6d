"""Browser sessions through GraphQL: cookies only, rotation, logout, and the tools' bearer tokens."""

import httpx
from graphql_harness import ACCESS_COOKIE, REFRESH_COOKIE, TEST_THROTTLE, browser, error_codes

from tcm_common.domain.user import User

ME = "{ me { id username role } }"


async def test_login_sets_exactly_the_two_cookies_and_returns_only_the_user(service: str, tester: User) -> None:
    async with browser(service) as client:
        response = await client.login(tester.username)
    assert response.status_code == 200
    assert response.json() == {"data": {"login": {"id": str(tester.id), "username": tester.username, "role": "TESTER"}}}
    set_cookies = response.headers.get_list("set-cookie")
    assert sorted(header.split("=", 1)[0] for header in set_cookies) == [ACCESS_COOKIE, REFRESH_COOKIE]
    for header in set_cookies:
        attributes = [part.strip().lower() for part in header.split(";")[1:]]
        assert {"httponly", "secure", "path=/", "samesite=strict"} <= set(attributes), header
        assert not any(attribute.startswith("domain") for attribute in attributes)
        token = header.split(";", 1)[0].split("=", 1)[1]
        assert token not in response.text  # never in the body


async def test_the_cookie_alone_authorizes_and_me_is_null_without_it(service: str, tester: User) -> None:
    async with browser(service) as client:
        assert await client.data(ME) == {"me": None}
        await client.login(tester.username)
        assert (await client.data(ME))["me"]["username"] == tester.username


async def test_refresh_rotates_the_refresh_token_and_a_replayed_one_ends_the_session(
    service: str, tester: User
) -> None:
    async with browser(service) as client:
        await client.login(tester.username)
        first = dict(client.cookies)
        refreshed = await client.post("mutation { refreshSession { username } }")
        assert refreshed.json() == {"data": {"refreshSession": {"username": tester.username}}}
        assert client.cookies[REFRESH_COOKIE] != first[REFRESH_COOKIE]
        assert client.cookies[ACCESS_COOKIE] != first[ACCESS_COOKIE]
        assert (await client.data(ME))["me"]["username"] == tester.username
        rotated = dict(client.cookies)
    async with browser(service) as thief:
        thief.cookies = {REFRESH_COOKIE: first[REFRESH_COOKIE]}
        replay = await thief.post("mutation { refreshSession { username } }")
        assert error_codes(replay) == ["UNAUTHENTICATED"]
        assert thief.cookies == {}  # told to drop the dead cookies
    async with browser(service) as client:
        client.cookies = rotated
        assert await client.data(ME) == {"me": None}  # the whole family was revoked


async def test_logout_clears_both_cookies_and_the_old_access_token_stops_working(service: str, tester: User) -> None:
    async with browser(service) as client:
        await client.login(tester.username)
        stolen = dict(client.cookies)
        response = await client.post("mutation { logout }")
        assert response.json() == {"data": {"logout": True}}
        cleared = response.headers.get_list("set-cookie")
        assert sorted(h.split("=", 1)[0] for h in cleared) == [ACCESS_COOKIE, REFRESH_COOKIE]
        assert all("max-age=0" in h.lower() for h in cleared)
        assert client.cookies == {}
        client.cookies = stolen
        assert await client.data(ME) == {"me": None}
        assert error_codes(await client.post("{ testSuites { totalCount } }")) == ["UNAUTHENTICATED"]


async def test_anonymous_callers_reach_nothing_but_the_session_mutations(service: str) -> None:
    async with browser(service) as client:
        for query in (
            "{ testSuites { totalCount } }",
            "{ users { id } }",
            "{ mySessions { id } }",
            'mutation { createTestSuite(input: {name: "x", estimatedStartDate: "2026-01-01", '
            'estimatedEndDate: "2026-01-02"}) { id } }',
        ):
            response = await client.post(query)
            assert error_codes(response) == ["UNAUTHENTICATED"], (query, response.text)


async def test_login_failures_are_uniform(service: str, tester: User) -> None:
    async with browser(service) as client:
        wrong_password = await client.login(tester.username, "not the password at all")
        unknown_user = await client.login("nobody_here_at_all", "not the password at all")
    assert wrong_password.json()["errors"][0]["message"] == unknown_user.json()["errors"][0]["message"]
    assert error_codes(wrong_password) == error_codes(unknown_user) == ["UNAUTHENTICATED"]
    assert "set-cookie" not in wrong_password.headers


async def test_repeated_failures_for_a_username_are_rate_limited(service: str, tester: User) -> None:
    async with browser(service) as client:
        # The free failures of the username-and-address pair, then one that starts its backoff.
        for _ in range(TEST_THROTTLE.per_pair.free_failures + 1):
            assert error_codes(await client.login(tester.username, "a wrong guess again")) == ["UNAUTHENTICATED"]
        throttled = await client.login(tester.username)
    [error] = throttled.json()["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["extensions"]["retryAfterSeconds"] > 0


async def test_tools_use_bearer_access_tokens_and_api_tokens(service: str, manager: User) -> None:
    async with browser(service) as client:
        await client.login(manager.username)
        created = await client.data(
            'mutation { createApiToken(name: "ci", expiresInDays: 30) { secret token { id name prefix } } }'
        )
        access_token = client.cookies[ACCESS_COOKIE]
    secret = created["createApiToken"]["secret"]
    async with httpx.AsyncClient(base_url=service) as tool:
        for token in (secret, access_token):
            response = await tool.post("/graphql", json={"query": ME}, headers={"authorization": f"Bearer {token}"})
            assert response.json() == {
                "data": {"me": {"id": str(manager.id), "username": manager.username, "role": "MANAGER"}}
            }
        refused = await tool.post("/graphql", json={"query": ME}, headers={"authorization": "Bearer nope"})
    assert refused.status_code == 401
    assert error_codes(refused) == ["UNAUTHENTICATED"]


async def test_a_cross_origin_post_with_the_cookie_is_refused(service: str, manager: User) -> None:
    async with browser(service) as client:
        await client.login(manager.username)
        forged = await client.post(
            'mutation { createTestSuite(input: {name: "forged", estimatedStartDate: "2026-01-01", '
            'estimatedEndDate: "2026-01-02"}) { id } }',
            origin="https://evil.example",
        )
    assert forged.status_code == 403
    assert error_codes(forged) == ["FORBIDDEN"]


async def test_a_form_post_is_refused_even_from_the_allowed_origin(service: str, manager: User) -> None:
    async with browser(service) as client:
        await client.login(manager.username)
        response = await client.http.post(
            "/graphql",
            content=b'{"query": "{ me { id } }"}',
            headers={"origin": client.origin, "content-type": "text/plain", **client.cookie_header()},
        )
    assert response.status_code == 403
