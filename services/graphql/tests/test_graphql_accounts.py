"""User management (Admin), the caller's sessions and API tokens, and password changes."""

import secrets

from graphql_harness import ACCESS_COOKIE, browser, error_codes

from tcm_common.auth.testing import TEST_PASSWORD
from tcm_common.domain.user import User

NEW_PASSWORD = "a brand new passphrase"


async def test_users_are_listed_and_managed_by_admins_only(service: str, admin: User, manager: User) -> None:
    username = f"qa_{secrets.token_hex(4)}"
    create = "mutation($i: CreateUserInput!) { createUser(input: $i) { id username role disabled version } }"
    async with browser(service) as as_manager:
        await as_manager.login(manager.username)
        assert error_codes(await as_manager.post("{ users { id } }")) == ["FORBIDDEN"]
        refused = await as_manager.post(
            create, {"i": {"username": username, "password": NEW_PASSWORD, "role": "TESTER"}}
        )
        assert error_codes(refused) == ["FORBIDDEN"]
    async with browser(service) as as_admin:
        await as_admin.login(admin.username)
        created = (
            await as_admin.data(create, {"i": {"username": username, "password": NEW_PASSWORD, "role": "TESTER"}})
        )["createUser"]
        assert (created["username"], created["role"], created["disabled"]) == (username, "TESTER", False)
        listed = await as_admin.data("{ users { username } }")
        assert {"username": username} in listed["users"]
        duplicate = await as_admin.post(
            create, {"i": {"username": username, "password": NEW_PASSWORD, "role": "TESTER"}}
        )
        assert error_codes(duplicate) == ["FAILED_PRECONDITION"]
        weak = await as_admin.post(create, {"i": {"username": f"{username}x", "password": "short", "role": "TESTER"}})
        assert error_codes(weak) == ["BAD_USER_INPUT"]
        assert weak.json()["errors"][0]["extensions"]["fields"][0]["field"] == "password"
        role = (
            "mutation($id: ID!, $v: Int!, $r: Role!) "
            "{ changeUserRole(id: $id, version: $v, role: $r) { role version } }"
        )
        promoted = await as_admin.data(role, {"id": created["id"], "v": 1, "r": "MANAGER"})
        assert promoted["changeUserRole"] == {"role": "MANAGER", "version": 2}
        assert error_codes(await as_admin.post(role, {"id": created["id"], "v": 1, "r": "ADMIN"})) == ["CONFLICT"]
        own = await as_admin.post(role, {"id": str(admin.id), "v": admin.version, "r": "TESTER"})
        assert error_codes(own) == ["FORBIDDEN"]
        disable = (
            "mutation($id: ID!, $v: Int!, $d: Boolean!) "
            "{ setUserDisabled(id: $id, version: $v, disabled: $d) { disabled } }"
        )
        assert (await as_admin.data(disable, {"id": created["id"], "v": 2, "d": True}))["setUserDisabled"] == {
            "disabled": True
        }
        reset = "mutation($id: ID!, $p: String!) { resetUserPassword(id: $id, newPassword: $p) { username } }"
        assert (await as_admin.data(reset, {"id": created["id"], "p": "another long passphrase"}))[
            "resetUserPassword"
        ] == {"username": username}
        deleted = await as_admin.data("mutation($id: ID!) { deleteUser(id: $id) }", {"id": created["id"]})
        assert deleted == {"deleteUser": created["id"]}
        missing = await as_admin.post("mutation($id: ID!) { deleteUser(id: $id) }", {"id": created["id"]})
        assert error_codes(missing) == ["NOT_FOUND"]


async def test_my_sessions_show_the_current_one_and_can_be_revoked(service: str, tester: User) -> None:
    async with browser(service) as laptop, browser(service) as phone:
        await laptop.login(tester.username)
        await phone.login(tester.username)
        sessions = (await laptop.data("{ mySessions { id current expiresAt } }"))["mySessions"]
        assert len(sessions) == 2
        [other] = [session for session in sessions if not session["current"]]
        revoke = "mutation($id: ID!) { revokeSession(id: $id) }"
        assert await laptop.data(revoke, {"id": other["id"]}) == {"revokeSession": True}
        assert await phone.data("{ me { id } }") == {"me": None}
        assert error_codes(await laptop.post(revoke, {"id": other["id"]})) == ["NOT_FOUND"]


async def test_api_tokens_are_listed_without_their_secret_and_revoked(service: str, tester: User) -> None:
    async with browser(service) as client:
        await client.login(tester.username)
        created = (
            await client.data('mutation { createApiToken(name: "nightly", expiresInDays: 7) { secret token { id } } }')
        )["createApiToken"]
        listed = (await client.data("{ myApiTokens { id name prefix expiresAt lastUsedAt } }"))["myApiTokens"]
        assert [token["name"] for token in listed] == ["nightly"]
        assert created["secret"] not in str(listed)
        assert listed[0]["prefix"] == created["secret"][: len("tcm_") + 4]
        too_long = await client.post('mutation { createApiToken(name: "x", expiresInDays: 1000) { secret } }')
        assert error_codes(too_long) == ["BAD_USER_INPUT"]
        revoke = "mutation($id: ID!) { revokeApiToken(id: $id) }"
        assert await client.data(revoke, {"id": created["token"]["id"]}) == {"revokeApiToken": True}
        assert await client.data("{ myApiTokens { id } }") == {"myApiTokens": []}


async def test_changing_my_password_ends_my_sessions_and_needs_the_current_one(service: str, tester: User) -> None:
    change = "mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }"
    async with browser(service) as client:
        await client.login(tester.username)
        wrong = await client.post(change, {"c": "not my password", "n": NEW_PASSWORD})
        assert error_codes(wrong) == ["BAD_USER_INPUT"]
        assert wrong.json()["errors"][0]["extensions"]["fields"] == [
            {"field": "currentPassword", "message": "is not the current password"}
        ]
        # A wrong password is the form's problem, not the session's: it goes on, cookies untouched.
        assert "set-cookie" not in wrong.headers
        assert (await client.data("{ me { username } }")) == {"me": {"username": tester.username}}
        changed = await client.post(change, {"c": TEST_PASSWORD, "n": NEW_PASSWORD})
        assert changed.json() == {"data": {"changeMyPassword": True}}
        assert ACCESS_COOKIE not in client.cookies
        assert (await client.login(tester.username, NEW_PASSWORD)).json()["data"]["login"]["username"] == (
            tester.username
        )
