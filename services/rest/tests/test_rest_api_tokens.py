"""/api/v1/api-tokens: personal tokens for machines, shown once, revocable."""

import uuid

import httpx
from rest_actors import Actor
from rest_api import expect, problem

from tcm_common.domain.principal import Role

TOKENS = "/api/v1/api-tokens"


async def test_a_token_is_shown_once_works_as_a_bearer_token_and_stops_working_when_revoked(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    tester = actors[Role.TESTER]
    created = expect(await client.post(TOKENS, json={"name": "CI", "expiresInDays": 30}, headers=tester.bearer), 201)
    secret = created["secret"]
    machine = {"Authorization": f"Bearer {secret}"}

    listed = await client.get(TOKENS, headers=tester.bearer)
    me = expect(await client.get("/api/v1/me", headers=machine), 200)
    renewal = await client.post(TOKENS, json={"name": "renewal", "expiresInDays": 1}, headers=machine)
    revoked = await client.delete(f"{TOKENS}/{created['token']['id']}", headers=tester.bearer)

    assert secret.startswith("tcm_")
    assert (created["token"]["name"], created["token"]["ownerId"]) == ("CI", str(tester.user.id))
    [listed_token] = [token for token in expect(listed, 200)["items"] if token["id"] == created["token"]["id"]]
    assert created["token"]["prefix"] == listed_token["prefix"] == secret[: len("tcm_") + 4]
    assert secret not in listed.text
    assert me["id"] == str(tester.user.id)
    problem(renewal, 403, "PERMISSION_DENIED")
    assert revoked.status_code == 204
    problem(await client.get("/api/v1/me", headers=machine), 401, "UNAUTHENTICATED")


async def test_token_input_is_validated(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    tester = actors[Role.TESTER].bearer
    for body in (
        {"name": "x", "expiresInDays": 0},
        {"name": "x", "expiresInDays": 367},
        {"name": "", "expiresInDays": 1},
    ):
        problem(await client.post(TOKENS, json=body, headers=tester), 400, "INVALID_REQUEST")
    problem(
        await client.post(TOKENS, json={"name": "   ", "expiresInDays": 1}, headers=tester),
        422,
        "VALIDATION_FAILED",
    )


async def test_only_the_owner_or_an_admin_sees_and_revokes_a_token(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    owner = actors[Role.TESTER]
    created = expect(await client.post(TOKENS, json={"name": "bot", "expiresInDays": 1}, headers=owner.bearer), 201)
    token_id = created["token"]["id"]
    of_owner = {"ownerId": str(owner.user.id)}

    by_admin = await client.get(TOKENS, params=of_owner, headers=actors[Role.ADMIN].bearer)
    by_manager = await client.get(TOKENS, params=of_owner, headers=actors[Role.MANAGER].bearer)
    revoke_by_manager = await client.delete(f"{TOKENS}/{token_id}", headers=actors[Role.MANAGER].bearer)
    revoke_unknown = await client.delete(f"{TOKENS}/{uuid.uuid4()}", headers=owner.bearer)
    revoke_by_admin = await client.delete(f"{TOKENS}/{token_id}", headers=actors[Role.ADMIN].bearer)

    assert token_id in [token["id"] for token in expect(by_admin, 200)["items"]]
    problem(by_manager, 403, "PERMISSION_DENIED")
    problem(revoke_by_manager, 404, "NOT_FOUND")
    problem(revoke_unknown, 404, "NOT_FOUND")
    assert revoke_by_admin.status_code == 204


async def test_a_whole_number_written_with_a_fraction_is_still_a_whole_number(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    # JSON Schema counts 30.0 as an integer; so does the API (but never "30").
    body = {"name": "nightly", "expiresInDays": 30.0}
    expect(await client.post(TOKENS, json=body, headers=actors[Role.TESTER].bearer), 201)
