"""/api/v1/test-suites over real HTTP against the real database."""

import uuid

import httpx
import pytest
from rest_actors import Actor
from rest_api import Api, expect, if_match, problem

from tcm_common.domain.principal import Role

SUITES = "/api/v1/test-suites"
NEW_SUITE = {"name": "Release 7", "estimatedStartDate": "2026-03-01", "estimatedEndDate": "2026-03-31"}


async def test_a_manager_creates_a_suite_with_its_location_etag_and_computed_values(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    response = await client.post(
        SUITES, json={**NEW_SUITE, "name": "  Release 7  "}, headers=actors[Role.MANAGER].bearer
    )

    suite = expect(response, 201)
    assert response.headers["location"] == f"{SUITES}/{suite['id']}"
    assert response.headers["etag"] == '"1"'
    assert response.headers["cache-control"] == "no-store"
    assert suite["name"] == "Release 7"
    assert suite["status"] == "PREPARATION"
    assert suite["allowedTransitions"] == ["IN_PROGRESS", "SUSPENDED"]
    assert (suite["progress"], suite["groupCount"], suite["caseCount"], suite["version"]) == (0.0, 0, 0, 1)
    assert suite["requireEffortComment"] is False
    assert "groups" not in suite


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**NEW_SUITE, "nmae": "typo"}, "body"),
        ({**NEW_SUITE, "requireEffortComment": "true"}, "requireEffortComment"),
        ({**NEW_SUITE, "estimatedStartDate": "01/03/2026"}, "estimatedStartDate"),
        ({**NEW_SUITE, "name": "x" * 101}, "name"),
        # PostgreSQL text cannot hold NUL; refused as input instead of failing in the database.
        ({**NEW_SUITE, "description": "a\x00b"}, "description"),
        ({"name": "no dates"}, "body"),
    ],
)
async def test_a_body_outside_the_schema_is_a_400_naming_the_field(
    client: httpx.AsyncClient, actors: dict[Role, Actor], body: dict[str, object], field: str
) -> None:
    response = await client.post(SUITES, json=body, headers=actors[Role.MANAGER].bearer)

    found = problem(response, 400, "INVALID_REQUEST")
    assert [error["field"] for error in found["errors"]] == [field]


async def test_a_body_breaking_a_domain_rule_is_a_422_with_field_errors(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    body = {**NEW_SUITE, "name": "   ", "estimatedEndDate": "2026-02-01"}
    response = await client.post(SUITES, json=body, headers=actors[Role.MANAGER].bearer)

    found = problem(response, 422, "VALIDATION_FAILED")
    assert {error["field"] for error in found["errors"]} == {"name", "estimatedEndDate"}


async def test_a_tester_may_read_but_not_create_suites(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    tester = actors[Role.TESTER].bearer
    problem(await client.post(SUITES, json=NEW_SUITE, headers=tester), 403, "PERMISSION_DENIED")
    expect(await client.get(SUITES, headers=tester), 200)


async def test_reading_a_suite_can_embed_its_groups_and_cases(manager_api: Api, client: httpx.AsyncClient) -> None:
    suite = await manager_api.suite()
    first = await manager_api.group(suite["id"], name="first")
    second = await manager_api.group(suite["id"], name="second")
    case = await manager_api.case(first["id"], priority="HIGH", plannedEffort=1.5)
    await manager_api.move_case(case, "TESTING")

    plain = await client.get(f"{SUITES}/{suite['id']}", headers=manager_api.headers)
    groups_only = await client.get(f"{SUITES}/{suite['id']}?include=groups", headers=manager_api.headers)
    everything = await client.get(f"{SUITES}/{suite['id']}?include=groups.cases", headers=manager_api.headers)

    assert plain.headers["etag"] == '"1"'
    assert "groups" not in expect(plain, 200)
    assert expect(plain, 200)["progress"] == 25.0
    assert [group["id"] for group in expect(groups_only, 200)["groups"]] == [first["id"], second["id"]]
    assert all("cases" not in group for group in expect(groups_only, 200)["groups"])
    tree = expect(everything, 200)
    assert (tree["groupCount"], tree["caseCount"]) == (2, 1)
    [embedded] = tree["groups"][0]["cases"]
    assert (embedded["id"], embedded["status"], embedded["plannedEffort"]) == (case["id"], "TESTING", 1.5)
    assert tree["groups"][1]["cases"] == []


async def test_an_unknown_suite_is_a_404(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    response = await client.get(f"{SUITES}/{uuid.uuid4()}", headers=actors[Role.TESTER].bearer)
    assert "was not found" in problem(response, 404, "NOT_FOUND")["detail"]


async def test_an_update_needs_the_current_etag(manager_api: Api, client: httpx.AsyncClient) -> None:
    suite = await manager_api.suite(description="old")
    path = f"{SUITES}/{suite['id']}"

    problem(
        await client.patch(path, json={"name": "n"}, headers=manager_api.headers),
        428,
        "PRECONDITION_REQUIRED",
    )
    wildcard = {**manager_api.headers, "If-Match": "*"}
    refused = await client.patch(path, json={"name": "n"}, headers=wildcard)
    assert problem(refused, 400, "INVALID_REQUEST")["errors"][0]["field"] == "If-Match"
    updated = await client.patch(
        path,
        json={"description": None, "requireEffortComment": True},
        headers={**manager_api.headers, **if_match(suite)},
    )
    stale = await client.patch(path, json={"name": "late"}, headers={**manager_api.headers, **if_match(suite)})

    body = expect(updated, 200)
    assert updated.headers["etag"] == '"2"'
    assert (body["name"], body["description"], body["requireEffortComment"]) == (suite["name"], None, True)
    assert "version 1 is stale" in problem(stale, 412, "VERSION_CONFLICT")["detail"]


async def test_an_update_is_refused_to_testers_and_for_unknown_suites(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    path = f"{SUITES}/{uuid.uuid4()}"
    headers = {"If-Match": '"1"'}
    tester = await client.patch(path, json={"name": "n"}, headers={**actors[Role.TESTER].bearer, **headers})
    missing = await client.patch(path, json={"name": "n"}, headers={**actors[Role.ADMIN].bearer, **headers})

    problem(tester, 403, "PERMISSION_DENIED")
    problem(missing, 404, "NOT_FOUND")


async def test_an_update_breaking_a_rule_is_a_422(manager_api: Api, client: httpx.AsyncClient) -> None:
    suite = await manager_api.suite()
    response = await client.patch(
        f"{SUITES}/{suite['id']}",
        json={"estimatedEndDate": "2025-01-01"},
        headers={**manager_api.headers, **if_match(suite)},
    )
    assert problem(response, 422, "VALIDATION_FAILED")["errors"][0]["field"] == "estimatedEndDate"


async def test_status_changes_follow_the_workflow(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    suite = await manager_api.suite()
    path = f"{SUITES}/{suite['id']}/status"
    current = {**manager_api.headers, **if_match(suite)}

    unconditional = await client.post(path, json={"status": "IN_PROGRESS"}, headers=manager_api.headers)
    started = await client.post(path, json={"status": "IN_PROGRESS"}, headers=current)
    stale = await client.post(path, json={"status": "COMPLETED"}, headers=current)
    illegal = await client.post(path, json={"status": "PREPARATION"}, headers={**current, "If-Match": '"2"'})
    by_tester = await client.post(
        path, json={"status": "COMPLETED"}, headers={**actors[Role.TESTER].bearer, "If-Match": '"2"'}
    )
    unknown_status = await client.post(path, json={"status": "DONE"}, headers=current)

    problem(unconditional, 428, "PRECONDITION_REQUIRED")
    assert expect(started, 200)["status"] == "IN_PROGRESS"
    assert started.headers["etag"] == '"2"'
    problem(stale, 412, "VERSION_CONFLICT")
    assert "from IN_PROGRESS to PREPARATION" in problem(illegal, 409, "INVALID_TRANSITION")["detail"]
    problem(by_tester, 403, "PERMISSION_DENIED")
    assert problem(unknown_status, 400, "INVALID_REQUEST")["errors"][0]["field"] == "status"


async def test_deleting_a_suite_with_groups_needs_cascade(manager_api: Api, client: httpx.AsyncClient) -> None:
    suite = await manager_api.suite()
    await manager_api.group(suite["id"])
    path = f"{SUITES}/{suite['id']}"
    headers = {**manager_api.headers, **if_match(suite)}

    problem(await client.delete(path, headers=manager_api.headers), 428, "PRECONDITION_REQUIRED")
    problem(await client.delete(path, headers={**manager_api.headers, "If-Match": '"7"'}), 412, "VERSION_CONFLICT")
    refused = await client.delete(path, headers=headers)
    deleted = await client.delete(f"{path}?cascade=true", headers=headers)

    assert "delete with cascade" in problem(refused, 409, "CONFLICT")["detail"]
    assert deleted.status_code == 204
    problem(await client.get(path, headers=manager_api.headers), 404, "NOT_FOUND")


async def test_deleting_is_refused_to_testers(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    suite = await manager_api.suite()
    response = await client.delete(f"{SUITES}/{suite['id']}", headers={**actors[Role.TESTER].bearer, **if_match(suite)})
    problem(response, 403, "PERMISSION_DENIED")


async def test_the_list_filters_and_pages_with_a_cursor(manager_api: Api, client: httpx.AsyncClient) -> None:
    marker = uuid.uuid4().hex[:8]
    created = [
        await manager_api.suite(name=f"{marker} {index}", estimatedStartDate=f"2026-05-0{index}")
        for index in range(1, 6)
    ]
    await client.post(
        f"{SUITES}/{created[0]['id']}/status",
        json={"status": "SUSPENDED"},
        headers={**manager_api.headers, **if_match(created[0])},
    )

    first = expect(await client.get(SUITES, params={"search": marker, "limit": 2}, headers=manager_api.headers), 200)
    second = expect(
        await client.get(
            SUITES,
            params={"search": marker, "limit": 2, "cursor": first["nextCursor"]},
            headers=manager_api.headers,
        ),
        200,
    )
    suspended = expect(
        await client.get(SUITES, params={"search": marker, "status": "SUSPENDED"}, headers=manager_api.headers),
        200,
    )
    window = expect(
        await client.get(
            SUITES,
            params={"search": marker, "startFrom": "2026-05-02", "endTo": "2026-12-31"},
            headers=manager_api.headers,
        ),
        200,
    )

    newest_first = [suite["id"] for suite in reversed(created)]
    assert [suite["id"] for suite in first["items"]] == newest_first[:2]
    assert [suite["id"] for suite in second["items"]] == newest_first[2:4]
    assert first["totalCount"] == second["totalCount"] == 5
    assert [suite["id"] for suite in suspended["items"]] == [created[0]["id"]]
    assert len(window["items"]) == 4


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"limit": 0}, 400, "limit"),
        ({"cursor": "not-a-cursor"}, 422, "cursor"),
        ({"startFrom": "yesterday"}, 400, "startFrom"),
        ({"status": "OPEN"}, 400, "status"),
        ({"search": "a\x00b"}, 400, "search"),
        ({"status": ["SUSPENDED", "PREPARATION"]}, 400, "status"),
        ({"startFrom": "null"}, 400, "startFrom"),
    ],
)
async def test_list_parameters_are_validated(
    client: httpx.AsyncClient,
    actors: dict[Role, Actor],
    params: dict[str, str | int | list[str]],
    status: int,
    field: str,
) -> None:
    response = await client.get(SUITES, params=params, headers=actors[Role.TESTER].bearer)
    code = "INVALID_REQUEST" if status == 400 else "VALIDATION_FAILED"
    assert [error["field"] for error in problem(response, status, code)["errors"]] == [field]


async def test_null_is_just_a_word_to_search_for(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    expect(await client.get(SUITES, params={"search": "null"}, headers=actors[Role.TESTER].bearer), 200)
