"""Groups of a suite and single groups over real HTTP against the real database."""

import uuid

import httpx
from rest_actors import Actor
from rest_api import Api, expect, if_match, problem

from tcm_common.domain.principal import Role


async def test_groups_are_created_last_and_listed_in_display_order(manager_api: Api, client: httpx.AsyncClient) -> None:
    suite = await manager_api.suite()
    path = f"/api/v1/test-suites/{suite['id']}/groups"
    response = await client.post(path, json={"name": "Login", "description": "screens"}, headers=manager_api.headers)
    second = await manager_api.group(suite["id"])

    first = expect(response, 201)
    assert response.headers["location"] == f"/api/v1/test-groups/{first['id']}"
    assert response.headers["etag"] == '"1"'
    assert (first["suiteId"], first["displayOrder"], first["progress"], first["caseCount"]) == (
        suite["id"],
        0,
        0.0,
        0,
    )
    listed = expect(await client.get(path, headers=manager_api.headers), 200)
    assert [group["id"] for group in listed["items"]] == [first["id"], second["id"]]
    assert (listed["nextCursor"], listed["totalCount"]) == (None, 2)


async def test_group_creation_is_validated_and_refused_to_testers(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    suite = await manager_api.suite()
    path = f"/api/v1/test-suites/{suite['id']}/groups"

    problem(
        await client.post(path, json={"name": "ok", "order": 3}, headers=manager_api.headers),
        400,
        "INVALID_REQUEST",
    )
    problem(await client.post(path, json={"name": " "}, headers=manager_api.headers), 422, "VALIDATION_FAILED")
    problem(
        await client.post(path, json={"name": "g"}, headers=actors[Role.TESTER].bearer),
        403,
        "PERMISSION_DENIED",
    )
    unknown = f"/api/v1/test-suites/{uuid.uuid4()}/groups"
    problem(await client.post(unknown, json={"name": "g"}, headers=manager_api.headers), 404, "NOT_FOUND")
    problem(await client.get(unknown, headers=manager_api.headers), 404, "NOT_FOUND")


async def test_reordering_puts_every_group_in_the_given_order(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    suite = await manager_api.suite()
    groups = [await manager_api.group(suite["id"]) for _ in range(3)]
    path = f"/api/v1/test-suites/{suite['id']}/group-order"
    wanted = [groups[2]["id"], groups[0]["id"], groups[1]["id"]]

    reordered = expect(await client.put(path, json={"groupIds": wanted}, headers=manager_api.headers), 200)
    incomplete = await client.put(path, json={"groupIds": wanted[:2]}, headers=manager_api.headers)
    not_ids = await client.put(path, json={"groupIds": ["one"]}, headers=manager_api.headers)
    by_tester = await client.put(path, json={"groupIds": wanted}, headers=actors[Role.TESTER].bearer)

    assert [(group["id"], group["displayOrder"]) for group in reordered] == [(wanted[i], i) for i in range(3)]
    assert problem(incomplete, 422, "VALIDATION_FAILED")["errors"][0]["field"] == "groupIds"
    assert problem(not_ids, 400, "INVALID_REQUEST")["errors"][0]["field"] == "groupIds[0]"
    problem(by_tester, 403, "PERMISSION_DENIED")


async def test_a_group_is_read_and_updated_with_its_etag(manager_api: Api, client: httpx.AsyncClient) -> None:
    suite = await manager_api.suite()
    group = await manager_api.group(suite["id"], description="d")
    path = f"/api/v1/test-groups/{group['id']}"

    read = await client.get(path, headers=manager_api.headers)
    missing_etag = await client.patch(path, json={"name": "renamed"}, headers=manager_api.headers)
    updated = await client.patch(path, json={"name": "renamed"}, headers={**manager_api.headers, **if_match(group)})
    stale = await client.patch(path, json={"name": "again"}, headers={**manager_api.headers, **if_match(group)})
    invalid = await client.patch(path, json={"name": ""}, headers={**manager_api.headers, "If-Match": '"2"'})

    assert expect(read, 200) == group
    assert read.headers["etag"] == '"1"'
    problem(missing_etag, 428, "PRECONDITION_REQUIRED")
    assert (expect(updated, 200)["name"], expect(updated, 200)["description"], updated.headers["etag"]) == (
        "renamed",
        "d",
        '"2"',
    )
    problem(stale, 412, "VERSION_CONFLICT")
    problem(invalid, 400, "INVALID_REQUEST")


async def test_group_changes_are_refused_to_testers_and_for_unknown_groups(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    suite = await manager_api.suite()
    group = await manager_api.group(suite["id"])
    path = f"/api/v1/test-groups/{group['id']}"
    tester = {**actors[Role.TESTER].bearer, **if_match(group)}
    unknown = f"/api/v1/test-groups/{uuid.uuid4()}"

    problem(await client.patch(path, json={"name": "x"}, headers=tester), 403, "PERMISSION_DENIED")
    problem(await client.delete(path, headers=tester), 403, "PERMISSION_DENIED")
    problem(await client.get(unknown, headers=manager_api.headers), 404, "NOT_FOUND")
    problem(await client.delete(unknown, headers={**manager_api.headers, "If-Match": '"1"'}), 404, "NOT_FOUND")


async def test_deleting_a_group_with_cases_needs_cascade(manager_api: Api, client: httpx.AsyncClient) -> None:
    suite = await manager_api.suite()
    group = await manager_api.group(suite["id"])
    await manager_api.case(group["id"])
    path = f"/api/v1/test-groups/{group['id']}"
    headers = {**manager_api.headers, **if_match(group)}

    problem(await client.delete(path, headers={**manager_api.headers, "If-Match": '"9"'}), 412, "VERSION_CONFLICT")
    problem(await client.delete(path, headers=headers), 409, "CONFLICT")
    assert (await client.delete(f"{path}?cascade=true", headers=headers)).status_code == 204
    assert expect(await client.get(f"/api/v1/test-suites/{suite['id']}", headers=headers), 200)["groupCount"] == 0
