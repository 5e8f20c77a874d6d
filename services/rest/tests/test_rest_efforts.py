"""Effort records of a case over real HTTP against the real database."""

import uuid
from datetime import timedelta

import httpx
from rest_actors import Actor
from rest_api import Api, expect, problem

from tcm_common.domain.principal import Role
from tcm_common.testing.clock import FIXED_TODAY


async def test_a_tester_records_effort_and_the_case_sums_it(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    tester = actors[Role.TESTER]
    case = await manager_api.case((await manager_api.group((await manager_api.suite())["id"]))["id"])
    path = f"/api/v1/test-cases/{case['id']}/efforts"

    first = await client.post(
        path, json={"date": "2026-02-03", "hours": 1.5, "comment": "setup"}, headers=tester.bearer
    )
    await client.post(path, json={"date": "2026-02-01", "hours": 0.25}, headers=tester.bearer)

    record = expect(first, 201)
    assert (record["caseId"], record["date"], record["hours"], record["comment"]) == (
        case["id"],
        "2026-02-03",
        1.5,
        "setup",
    )
    assert record["recordedBy"] == {"id": str(tester.user.id), "username": tester.user.username}
    listed = expect(await client.get(path, headers=tester.bearer), 200)
    assert [item["date"] for item in listed["items"]] == ["2026-02-01", "2026-02-03"]
    assert (
        expect(await client.get(f"/api/v1/test-cases/{case['id']}", headers=tester.bearer), 200)["actualEffort"] == 1.75
    )


async def test_effort_input_is_validated_by_schema_and_by_rules(manager_api: Api, client: httpx.AsyncClient) -> None:
    suite = await manager_api.suite(requireEffortComment=True)
    case = await manager_api.case((await manager_api.group(suite["id"]))["id"])
    path = f"/api/v1/test-cases/{case['id']}/efforts"
    tomorrow = (FIXED_TODAY + timedelta(days=1)).isoformat()  # the service's clock (conftest)

    too_long = await client.post(
        path, json={"date": "2026-02-01", "hours": 25, "comment": "c"}, headers=manager_api.headers
    )
    as_text = await client.post(
        path, json={"date": "2026-02-01", "hours": "1", "comment": "c"}, headers=manager_api.headers
    )
    no_comment = await client.post(path, json={"date": "2026-02-01", "hours": 1}, headers=manager_api.headers)
    future = await client.post(path, json={"date": tomorrow, "hours": 1, "comment": "c"}, headers=manager_api.headers)

    assert problem(too_long, 400, "INVALID_REQUEST")["errors"][0]["field"] == "hours"
    assert problem(as_text, 400, "INVALID_REQUEST")["errors"][0]["field"] == "hours"
    assert problem(no_comment, 422, "VALIDATION_FAILED")["errors"] == [
        {"field": "comment", "message": "is required by this test suite"}
    ]
    assert problem(future, 422, "VALIDATION_FAILED")["errors"][0]["field"] == "date"


async def test_effort_of_an_unknown_case_is_404(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    path = f"/api/v1/test-cases/{uuid.uuid4()}/efforts"
    tester = actors[Role.TESTER].bearer
    problem(await client.post(path, json={"date": "2026-02-01", "hours": 1}, headers=tester), 404, "NOT_FOUND")
    problem(await client.get(path, headers=tester), 404, "NOT_FOUND")
