"""/api/v1/users (Admins) over real HTTP against the real database."""

import uuid
from typing import Any

import asyncpg
import httpx
import pytest
from rest_actors import BROWSER, Actor, login
from rest_api import Api, expect, if_match, problem

from tcm_common.auth.testing import unique_username
from tcm_common.domain.principal import Role

USERS = "/api/v1/users"
STRONG = "a long and unusual passphrase"


async def _new_user(client: httpx.AsyncClient, admin: Actor, role: str = "TESTER") -> Any:
    body = {"username": unique_username(), "password": STRONG, "role": role}
    return expect(await client.post(USERS, json=body, headers=admin.bearer), 201)


async def test_an_admin_creates_lists_and_reads_users(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    admin = actors[Role.ADMIN]
    name = unique_username().upper()
    response = await client.post(
        USERS, json={"username": name, "password": STRONG, "role": "MANAGER"}, headers=admin.bearer
    )

    user = expect(response, 201)
    assert response.headers["location"] == f"{USERS}/{user['id']}"
    assert (user["username"], user["role"], user["disabled"], user["lastLoginAt"]) == (
        name.lower(),
        "MANAGER",
        False,
        None,
    )
    assert "password" not in response.text.lower()
    # Every page, by username.
    page = expect(await client.get(USERS, params={"limit": 100}, headers=admin.bearer), 200)
    listed = [item["id"] for item in page["items"]]
    while page["nextCursor"] is not None:
        params = {"limit": 100, "cursor": page["nextCursor"]}
        page = expect(await client.get(USERS, params=params, headers=admin.bearer), 200)
        listed.extend(item["id"] for item in page["items"])
    assert user["id"] in listed
    assert len(listed) == len(set(listed)) == page["totalCount"]
    read = await client.get(f"{USERS}/{user['id']}", headers=admin.bearer)
    assert (expect(read, 200), read.headers["etag"]) == (user, '"1"')


@pytest.mark.parametrize("role", [Role.MANAGER, Role.TESTER])
async def test_user_management_is_for_admins_only(
    client: httpx.AsyncClient, actors: dict[Role, Actor], role: Role
) -> None:
    other = actors[Role.ADMIN].user.id
    headers = {**actors[role].bearer, "If-Match": '"1"'}
    body = {"username": unique_username(), "password": STRONG, "role": "TESTER"}

    problem(await client.get(USERS, headers=headers), 403, "PERMISSION_DENIED")
    problem(await client.post(USERS, json=body, headers=headers), 403, "PERMISSION_DENIED")
    problem(await client.get(f"{USERS}/{other}", headers=headers), 403, "PERMISSION_DENIED")
    problem(
        await client.patch(f"{USERS}/{other}", json={"disabled": True}, headers=headers),
        403,
        "PERMISSION_DENIED",
    )
    reset = await client.post(f"{USERS}/{other}/password", json={"password": STRONG}, headers=headers)
    problem(reset, 403, "PERMISSION_DENIED")
    problem(await client.delete(f"{USERS}/{other}", headers=headers), 403, "PERMISSION_DENIED")


async def test_new_users_are_validated(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    admin = actors[Role.ADMIN].bearer
    taken = actors[Role.TESTER].user.username

    weak = await client.post(
        USERS, json={"username": "someone_new", "password": "short", "role": "TESTER"}, headers=admin
    )
    bad_name = await client.post(
        USERS, json={"username": "no spaces!", "password": STRONG, "role": "TESTER"}, headers=admin
    )
    bad_role = await client.post(
        USERS, json={"username": "someone_new", "password": STRONG, "role": "ROOT"}, headers=admin
    )
    duplicate = await client.post(
        USERS, json={"username": taken.upper(), "password": STRONG, "role": "TESTER"}, headers=admin
    )

    assert problem(weak, 422, "VALIDATION_FAILED")["errors"][0]["field"] == "password"
    assert problem(bad_name, 422, "VALIDATION_FAILED")["errors"][0]["field"] == "username"
    assert problem(bad_role, 400, "INVALID_REQUEST")["errors"][0]["field"] == "role"
    problem(duplicate, 409, "CONFLICT")


async def test_a_role_change_needs_the_etag_and_ends_the_users_sessions(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    admin = actors[Role.ADMIN]
    user = await _new_user(client, admin)
    session = await login(client, str(user["username"]), STRONG)
    path = f"{USERS}/{user['id']}"

    problem(await client.patch(path, json={"role": "MANAGER"}, headers=admin.bearer), 428, "PRECONDITION_REQUIRED")
    promoted = await client.patch(path, json={"role": "MANAGER"}, headers={**admin.bearer, **if_match(user)})
    stale = await client.patch(path, json={"role": "ADMIN"}, headers={**admin.bearer, **if_match(user)})
    empty = await client.patch(path, json={}, headers={**admin.bearer, "If-Match": promoted.headers["etag"]})

    assert (expect(promoted, 200)["role"], promoted.headers["etag"]) == ("MANAGER", '"2"')
    problem(stale, 412, "VERSION_CONFLICT")
    problem(empty, 422, "VALIDATION_FAILED")
    problem(await client.get("/api/v1/me", headers=session.bearer), 401, "UNAUTHENTICATED")


async def test_role_and_disabled_flag_change_together(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    admin = actors[Role.ADMIN]
    user = await _new_user(client, admin)
    response = await client.patch(
        f"{USERS}/{user['id']}",
        json={"role": "MANAGER", "disabled": True},
        headers={**admin.bearer, **if_match(user)},
    )
    changed = expect(response, 200)
    assert (changed["role"], changed["disabled"], changed["version"]) == ("MANAGER", True, 3)
    assert response.headers["etag"] == '"3"'


async def test_a_combined_update_is_one_transaction(
    client: httpx.AsyncClient, actors: dict[Role, Actor], migrated_pool: asyncpg.Pool
) -> None:
    admin = actors[Role.ADMIN]
    user = await _new_user(client, admin)
    session = await login(client, str(user["username"]), STRONG)
    # A real PostgreSQL failure in the second half (disabling), after the role change has been written.
    trigger, function = f"refuse_disable_{uuid.uuid4().hex}", f"refuse_disable_{uuid.uuid4().hex}"
    await migrated_pool.execute(
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'injected failure of the second half'; END $$"
    )
    await migrated_pool.execute(
        f"CREATE TRIGGER {trigger} BEFORE UPDATE ON users FOR EACH ROW "
        f"WHEN (NEW.id = '{user['id']}' AND NEW.disabled AND NOT OLD.disabled) EXECUTE FUNCTION {function}()"
    )
    try:
        failed = await client.patch(
            f"{USERS}/{user['id']}",
            json={"role": "MANAGER", "disabled": True},
            headers={**admin.bearer, **if_match(user)},
        )
    finally:
        await migrated_pool.execute(f"DROP TRIGGER {trigger} ON users")
        await migrated_pool.execute(f"DROP FUNCTION {function}()")

    problem(failed, 500, "INTERNAL")
    after = expect(await client.get(f"{USERS}/{user['id']}", headers=admin.bearer), 200)
    assert (after["role"], after["disabled"], after["version"]) == ("TESTER", False, user["version"])
    expect(await client.get("/api/v1/me", headers=session.bearer), 200)  # the role change ended no session


async def test_nobody_changes_their_own_role(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    admin = actors[Role.ADMIN]
    me = expect(await client.get("/api/v1/me", headers=admin.bearer), 200)
    response = await client.patch(
        f"{USERS}/{me['id']}", json={"role": "TESTER"}, headers={**admin.bearer, **if_match(me)}
    )
    problem(response, 403, "PERMISSION_DENIED")


async def test_an_admin_resets_a_password_and_the_user_signs_in_with_it(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    admin = actors[Role.ADMIN]
    user = await _new_user(client, admin)
    path = f"{USERS}/{user['id']}/password"

    weak = await client.post(path, json={"password": str(user["username"])}, headers=admin.bearer)
    reset = await client.post(path, json={"password": "another fine passphrase"}, headers=admin.bearer)

    problem(weak, 422, "VALIDATION_FAILED")
    assert expect(reset, 200)["id"] == user["id"]
    credentials = {"username": user["username"], "password": "another fine passphrase"}
    expect(await client.post("/api/v1/auth/login", json=credentials, headers=BROWSER), 200)


async def test_users_are_deleted_with_the_etag_unless_history_refers_to_them(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    admin = actors[Role.ADMIN]
    idle = await _new_user(client, admin)
    worker = await _new_user(client, admin)
    worker_session = await login(client, str(worker["username"]), STRONG)
    case = await manager_api.case((await manager_api.group((await manager_api.suite())["id"]))["id"])
    await Api(client, worker_session.bearer).move_case(case, "TESTING")

    problem(await client.delete(f"{USERS}/{idle['id']}", headers=admin.bearer), 428, "PRECONDITION_REQUIRED")
    deleted = await client.delete(f"{USERS}/{idle['id']}", headers={**admin.bearer, **if_match(idle)})
    referenced = await client.delete(f"{USERS}/{worker['id']}", headers={**admin.bearer, **if_match(worker)})

    assert deleted.status_code == 204
    problem(await client.get(f"{USERS}/{idle['id']}", headers=admin.bearer), 404, "NOT_FOUND")
    problem(referenced, 409, "CONFLICT")


async def test_unknown_users_are_404(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    headers = {**actors[Role.ADMIN].bearer, "If-Match": '"1"'}
    path = f"{USERS}/{uuid.uuid4()}"
    problem(await client.get(path, headers=headers), 404, "NOT_FOUND")
    problem(await client.patch(path, json={"disabled": True}, headers=headers), 404, "NOT_FOUND")
    problem(await client.post(f"{path}/password", json={"password": STRONG}, headers=headers), 404, "NOT_FOUND")
    problem(await client.delete(path, headers=headers), 404, "NOT_FOUND")
