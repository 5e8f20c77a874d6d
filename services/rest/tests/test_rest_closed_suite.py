"""Writes under a COMPLETED suite over REST: 409 with the code SUITE_CLOSED, nothing changed
(docs/domain.md, closed suites)."""

import httpx
from rest_actors import Actor
from rest_api import Api, expect, if_match, problem

from tcm_common.domain.principal import Role


async def test_a_completed_suite_refuses_writes_under_it(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    tester = actors[Role.TESTER].bearer
    suite = await manager_api.suite()
    group = await manager_api.group(suite["id"])
    case = await manager_api.case(group["id"])
    status_path = f"/api/v1/test-suites/{suite['id']}/status"
    for status in ("IN_PROGRESS", "COMPLETED"):
        suite = expect(
            await client.post(
                status_path, json={"status": status}, headers={**manager_api.headers, **if_match(suite)}
            ),
            200,
        )

    case_path = f"/api/v1/test-cases/{case['id']}"
    refused = [
        await client.post(f"{case_path}/efforts", json={"date": "2026-01-05", "hours": 1}, headers=tester),
        await client.post(
            f"{case_path}/status", json={"status": "TESTING"}, headers={**tester, **if_match(case)}
        ),
        await client.patch(
            case_path, json={"title": "renamed"}, headers={**manager_api.headers, **if_match(case)}
        ),
        await client.post(
            f"/api/v1/test-groups/{group['id']}/cases", json={"title": "late"}, headers=manager_api.headers
        ),
    ]
    for response in refused:
        body = problem(response, 409, "SUITE_CLOSED")
        assert "reopen it" in body["detail"]
    after = expect(await client.get(case_path, headers=tester), 200)
    assert (after["title"], after["status"], after["actualEffort"], after["version"]) == (
        case["title"],
        "CREATED",
        0,
        case["version"],
    )
