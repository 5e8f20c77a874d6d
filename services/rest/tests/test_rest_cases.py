"""Cases of a group, single cases and their workflow over real HTTP against the real database."""

import uuid

import httpx
import pytest
from rest_actors import Actor
from rest_api import Api, Json, expect, if_match, problem

from tcm_common.domain.principal import Role


@pytest.fixture
async def group(manager_api: Api) -> Json:
    created: Json = await manager_api.group((await manager_api.suite(estimatedEndDate="2026-01-31"))["id"])
    return created


async def test_a_case_is_created_with_defaults_and_listed(
    manager_api: Api, client: httpx.AsyncClient, group: Json
) -> None:
    path = f"/api/v1/test-groups/{group['id']}/cases"
    response = await client.post(path, json={"title": "Log in with SSO"}, headers=manager_api.headers)
    second = await manager_api.case(group["id"], priority="CRITICAL", plannedEffort=2.25, description="steps")

    case = expect(response, 201)
    assert response.headers["location"] == f"/api/v1/test-cases/{case['id']}"
    assert response.headers["etag"] == '"1"'
    assert (case["status"], case["priority"], case["plannedEffort"], case["actualEffort"]) == (
        "CREATED",
        "MEDIUM",
        None,
        0.0,
    )
    assert case["allowedTransitions"] == ["TESTING"]
    # The suite ended on 2026-01-31, before today: the open case is late.
    assert case["isDelayed"] is True
    assert case["delayDays"] > 0
    listed = expect(await client.get(path, headers=manager_api.headers), 200)["items"]
    assert [item["id"] for item in listed] == [case["id"], second["id"]]
    assert listed[1]["plannedEffort"] == 2.25


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"title": "t", "priority": "URGENT"}, 400, "priority"),
        ({"title": "t", "plannedEffort": -1}, 400, "plannedEffort"),
        ({"title": "t", "plannedEffort": "2"}, 400, "plannedEffort"),
        ({"title": "t", "plannedEffort": 1.234}, 422, "plannedEffort"),
        ({"title": "   "}, 422, "title"),
    ],
)
async def test_case_input_is_validated(
    manager_api: Api, client: httpx.AsyncClient, group: Json, body: Json, status: int, field: str
) -> None:
    response = await client.post(f"/api/v1/test-groups/{group['id']}/cases", json=body, headers=manager_api.headers)
    code = "INVALID_REQUEST" if status == 400 else "VALIDATION_FAILED"
    assert [error["field"] for error in problem(response, status, code)["errors"]] == [field]


async def test_testers_may_not_create_update_or_delete_cases(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], group: Json
) -> None:
    case = await manager_api.case(group["id"])
    tester = {**actors[Role.TESTER].bearer, **if_match(case)}
    path = f"/api/v1/test-cases/{case['id']}"

    create = await client.post(f"/api/v1/test-groups/{group['id']}/cases", json={"title": "t"}, headers=tester)
    problem(create, 403, "PERMISSION_DENIED")
    problem(await client.patch(path, json={"title": "t"}, headers=tester), 403, "PERMISSION_DENIED")
    problem(await client.delete(path, headers=tester), 403, "PERMISSION_DENIED")


async def test_a_case_is_updated_and_deleted_with_its_etag(
    manager_api: Api, client: httpx.AsyncClient, group: Json
) -> None:
    case = await manager_api.case(group["id"], plannedEffort=3)
    path = f"/api/v1/test-cases/{case['id']}"

    problem(
        await client.patch(path, json={"title": "x"}, headers=manager_api.headers),
        428,
        "PRECONDITION_REQUIRED",
    )
    updated = await client.patch(
        path,
        json={"plannedEffort": None, "priority": "LOW"},
        headers={**manager_api.headers, **if_match(case)},
    )
    stale = await client.delete(path, headers={**manager_api.headers, **if_match(case)})
    deleted = await client.delete(path, headers={**manager_api.headers, "If-Match": updated.headers["etag"]})

    assert (expect(updated, 200)["plannedEffort"], expect(updated, 200)["priority"]) == (None, "LOW")
    problem(stale, 412, "VERSION_CONFLICT")
    assert deleted.status_code == 204
    problem(await client.get(path, headers=manager_api.headers), 404, "NOT_FOUND")


async def test_unknown_cases_and_groups_are_404(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    headers = {**actors[Role.MANAGER].bearer, "If-Match": '"1"'}
    case_path = f"/api/v1/test-cases/{uuid.uuid4()}"

    problem(await client.get(case_path, headers=headers), 404, "NOT_FOUND")
    problem(await client.patch(case_path, json={"title": "t"}, headers=headers), 404, "NOT_FOUND")
    problem(await client.delete(case_path, headers=headers), 404, "NOT_FOUND")
    problem(
        await client.post(f"{case_path}/status", json={"status": "TESTING"}, headers=headers),
        404,
        "NOT_FOUND",
    )
    problem(await client.get(f"{case_path}/history", headers=headers), 404, "NOT_FOUND")
    group_cases = f"/api/v1/test-groups/{uuid.uuid4()}/cases"
    problem(await client.get(group_cases, headers=headers), 404, "NOT_FOUND")
    problem(await client.post(group_cases, json={"title": "t"}, headers=headers), 404, "NOT_FOUND")


async def test_a_tester_moves_a_case_through_its_workflow_and_the_history_records_it(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], group: Json
) -> None:
    tester = actors[Role.TESTER]
    case = await manager_api.case(group["id"])
    path = f"/api/v1/test-cases/{case['id']}/status"
    current = {**tester.bearer, **if_match(case)}

    unconditional = await client.post(path, json={"status": "TESTING"}, headers=tester.bearer)
    testing = await client.post(path, json={"status": "TESTING"}, headers=current)
    stale = await client.post(path, json={"status": "FIXING"}, headers=current)
    skipped = await client.post(path, json={"status": "COMPLETED"}, headers={**current, "If-Match": '"2"'})
    fixing = await client.post(
        path, json={"status": "FIXING", "reason": "button misaligned"}, headers={**current, "If-Match": '"2"'}
    )
    page = expect(await client.get(f"/api/v1/test-cases/{case['id']}/history", headers=tester.bearer), 200)
    history = page["items"]

    problem(unconditional, 428, "PRECONDITION_REQUIRED")
    assert (expect(testing, 200)["status"], testing.headers["etag"]) == ("TESTING", '"2"')
    problem(stale, 412, "VERSION_CONFLICT")
    assert "from TESTING to COMPLETED" in problem(skipped, 409, "INVALID_TRANSITION")["detail"]
    assert expect(fixing, 200)["allowedTransitions"] == ["RETESTING"]
    assert [(change["fromStatus"], change["toStatus"], change["reason"]) for change in history] == [
        ("CREATED", "TESTING", None),
        ("TESTING", "FIXING", "button misaligned"),
    ]
    assert history[0]["changedBy"] == {"id": str(tester.user.id), "username": tester.user.username}
    assert history[0]["caseId"] == case["id"]


async def test_a_status_change_is_validated(manager_api: Api, client: httpx.AsyncClient, group: Json) -> None:
    case = await manager_api.case(group["id"])
    path = f"/api/v1/test-cases/{case['id']}/status"

    problem(
        await client.post(path, json={"status": "testing"}, headers=manager_api.headers),
        400,
        "INVALID_REQUEST",
    )
    long_reason = {"status": "TESTING", "reason": "x" * 1001}
    problem(await client.post(path, json=long_reason, headers=manager_api.headers), 400, "INVALID_REQUEST")
