"""/api/v1/me: the caller's account, password and sessions."""

import uuid

import asyncpg
import httpx
from rest_actors import BROWSER, Actor, login, new_actor, set_cookies
from rest_api import expect, problem

from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.testing import TEST_PASSWORD
from tcm_common.domain.principal import Role


async def test_me_is_the_callers_own_account(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    tester = actors[Role.TESTER]
    response = await client.get("/api/v1/me", headers=tester.bearer)
    me = expect(response, 200)
    assert (me["id"], me["username"], me["role"]) == (str(tester.user.id), tester.user.username, "TESTER")
    assert me["lastLoginAt"] is not None
    assert response.headers["etag"] == f'"{me["version"]}"'


async def test_sessions_are_listed_with_the_current_one_marked_and_can_be_revoked(
    client: httpx.AsyncClient, migrated_pool: asyncpg.Pool, hasher: PasswordHasher
) -> None:
    laptop = await new_actor(client, migrated_pool, hasher, Role.TESTER)
    phone = await login(client, laptop.user.username)

    sessions = expect(await client.get("/api/v1/me/sessions", headers=laptop.bearer), 200)
    [other] = [session for session in sessions if not session["current"]]
    revoked = await client.delete(f"/api/v1/me/sessions/{other['id']}", headers=laptop.bearer)

    assert len(sessions) == 2
    assert sum(session["current"] for session in sessions) == 1
    assert revoked.status_code == 204
    problem(await client.get("/api/v1/me", headers=phone.bearer), 401, "UNAUTHENTICATED")
    expect(await client.get("/api/v1/me", headers=laptop.bearer), 200)
    problem(await client.delete(f"/api/v1/me/sessions/{uuid.uuid4()}", headers=laptop.bearer), 404, "NOT_FOUND")


async def test_someone_elses_session_is_not_found(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    sessions = expect(await client.get("/api/v1/me/sessions", headers=actors[Role.TESTER].bearer), 200)
    response = await client.delete(f"/api/v1/me/sessions/{sessions[0]['id']}", headers=actors[Role.MANAGER].bearer)
    problem(response, 404, "NOT_FOUND")


async def test_changing_the_password_needs_the_current_one_and_ends_every_session(
    client: httpx.AsyncClient, migrated_pool: asyncpg.Pool, hasher: PasswordHasher
) -> None:
    actor = await new_actor(client, migrated_pool, hasher, Role.TESTER)
    new_password = "a brand new passphrase"

    wrong = await client.post(
        "/api/v1/me/password",
        json={"currentPassword": "not it at all", "newPassword": new_password},
        headers=actor.bearer,
    )
    weak = await client.post(
        "/api/v1/me/password",
        json={"currentPassword": TEST_PASSWORD, "newPassword": "short"},
        headers=actor.bearer,
    )
    changed = await client.post(
        "/api/v1/me/password",
        json={"currentPassword": TEST_PASSWORD, "newPassword": new_password},
        headers={**actor.cookies, **BROWSER},
    )

    assert problem(wrong, 422, "VALIDATION_FAILED")["errors"][0]["field"] == "currentPassword"
    assert problem(weak, 422, "VALIDATION_FAILED")["errors"][0]["field"] == "newPassword"
    assert changed.status_code == 204
    assert set(set_cookies(changed).values()) == {""}
    problem(await client.get("/api/v1/me", headers=actor.bearer), 401, "UNAUTHENTICATED")
    await login(client, actor.user.username, new_password)
