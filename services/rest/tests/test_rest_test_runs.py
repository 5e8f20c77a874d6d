"""Test runs over real HTTP against the real database: selections, results by every role, the run
workflow, the snapshot, drivesWorkflow, automation keys (docs/domain-runs.md)."""

from typing import Any

import httpx
import pytest
from rest_actors import Actor
from rest_api import Api, Json, expect, if_match, problem

from tcm_common.domain.principal import Role


async def _run(api: Api, suite_id: str, **fields: Any) -> Json:
    body = {"name": "Nightly", **fields}
    response = await api.client.post(f"/api/v1/test-suites/{suite_id}/runs", json=body, headers=api.headers)
    run: Json = expect(response, 201)
    assert response.headers["location"] == f"/api/v1/test-runs/{run['id']}"
    assert response.headers["etag"] == f'"{run["version"]}"'
    return run


async def _entries(api: Api, run: Json) -> list[Json]:
    entries: list[Json] = expect(
        await api.client.get(f"/api/v1/test-runs/{run['id']}/entries", headers=api.headers), 200
    )
    return entries


async def _record(client: httpx.AsyncClient, headers: dict[str, str], run: Json, case: Json, **body: Any) -> Any:
    return await client.post(
        f"/api/v1/test-runs/{run['id']}/results", json={"caseId": case["id"], **body}, headers=headers
    )


@pytest.fixture
async def suite(manager_api: Api) -> Json:
    created: Json = await manager_api.suite()
    return created


async def test_a_run_takes_a_snapshot_of_the_selected_cases(manager_api: Api, suite: Json) -> None:
    first, second = await manager_api.group(suite["id"]), await manager_api.group(suite["id"])
    high = await manager_api.case(first["id"], priority="HIGH")
    low = await manager_api.case(first["id"], priority="LOW")
    other = await manager_api.case(second["id"], priority="HIGH")

    everything = await _run(manager_api, suite["id"], label="build 2.4.1", description="all of it")
    of_group = await _run(manager_api, suite["id"], groupIds=[first["id"]])
    chosen = await _run(manager_api, suite["id"], caseIds=[other["id"]], groupIds=[first["id"]], priorities=["HIGH"])

    assert (everything["status"], everything["entryCount"], everything["label"]) == ("PLANNED", 3, "build 2.4.1")
    assert everything["counts"] == {r: 0 for r in ("PASSED", "FAILED", "BLOCKED", "SKIPPED", "RETEST")} | {
        "UNTESTED": 3
    }
    assert (everything["completion"], everything["passRate"]) == (0.0, 0.0)
    assert everything["createdBy"]["username"]
    assert [entry["caseId"] for entry in await _entries(manager_api, everything)] == [
        high["id"],
        low["id"],
        other["id"],
    ]
    assert [entry["caseId"] for entry in await _entries(manager_api, of_group)] == [high["id"], low["id"]]
    assert [entry["caseId"] for entry in await _entries(manager_api, chosen)] == [high["id"], other["id"]]
    assert [entry["result"] for entry in await _entries(manager_api, chosen)] == ["UNTESTED", "UNTESTED"]


async def test_a_selection_outside_the_suite_is_refused(manager_api: Api, suite: Json) -> None:
    elsewhere = await manager_api.group((await manager_api.suite())["id"])
    response = await manager_api.client.post(
        f"/api/v1/test-suites/{suite['id']}/runs",
        json={"name": "n", "groupIds": [elsewhere["id"]]},
        headers=manager_api.headers,
    )
    assert [error["field"] for error in problem(response, 422, "VALIDATION_FAILED")["errors"]] == ["groupIds"]


async def test_every_role_records_results_and_the_figures_follow(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], suite: Json
) -> None:
    group = await manager_api.group(suite["id"])
    cases = [await manager_api.case(group["id"]) for _ in Role]
    run = await _run(manager_api, suite["id"])

    for role, case in zip(Role, cases, strict=True):
        response = await _record(client, actors[role].bearer, run, case, result="PASSED", durationMs=12)
        answer = expect(response, 201)
        assert answer["result"]["recordedBy"]["username"] == actors[role].user.username
        assert (answer["result"]["source"], answer["entry"]["result"]) == ("MANUAL", "PASSED")
    failed = await _record(client, actors[Role.TESTER].bearer, run, cases[0], result="FAILED")
    problem(failed, 422, "VALIDATION_FAILED")
    failed = await _record(client, actors[Role.TESTER].bearer, run, cases[0], result="FAILED", comment="502")
    after = expect(failed, 201)["run"]

    assert after["status"] == "IN_PROGRESS"  # the first result started it
    assert (after["counts"]["PASSED"], after["counts"]["FAILED"], after["completion"]) == (len(cases) - 1, 1, 100.0)
    assert after["passRate"] == round(100 * (len(cases) - 1) / len(cases), 1)
    history = expect(
        await client.get(f"/api/v1/test-runs/{run['id']}/cases/{cases[0]['id']}/results", headers=manager_api.headers),
        200,
    )
    assert [(record["result"], record["comment"]) for record in history] == [("PASSED", None), ("FAILED", "502")]


async def test_a_run_is_completed_read_only_and_reopened_by_a_manager(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], suite: Json
) -> None:
    case = await manager_api.case((await manager_api.group(suite["id"]))["id"])
    run = await _run(manager_api, suite["id"])
    tester = actors[Role.TESTER].bearer
    path = f"/api/v1/test-runs/{run['id']}"

    problem(await client.post(f"{path}/complete", headers={**tester, **if_match(run)}), 409, "INVALID_TRANSITION")
    problem(await client.post(f"{path}/start", headers=tester), 428, "PRECONDITION_REQUIRED")
    started = expect(await client.post(f"{path}/start", headers={**tester, **if_match(run)}), 200)
    problem(await client.post(f"{path}/complete", headers={**tester, **if_match(run)}), 412, "VERSION_CONFLICT")
    completed = expect(await client.post(f"{path}/complete", headers={**tester, **if_match(started)}), 200)
    assert (completed["status"], completed["allowedTransitions"]) == ("COMPLETED", ["IN_PROGRESS"])
    assert completed["completedAt"] is not None

    problem(await _record(client, tester, run, case, result="PASSED"), 409, "CONFLICT")
    reopen = f"{path}/reopen"
    problem(await client.post(reopen, headers={**tester, **if_match(completed)}), 403, "PERMISSION_DENIED")
    reopened = expect(await client.post(reopen, headers={**manager_api.headers, **if_match(completed)}), 200)
    assert (reopened["status"], reopened["completedAt"]) == ("IN_PROGRESS", None)
    expect(await _record(client, tester, run, case, result="PASSED"), 201)


async def test_a_run_is_updated_listed_and_deleted_with_its_etag(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], suite: Json
) -> None:
    older, newer = await _run(manager_api, suite["id"]), await _run(manager_api, suite["id"])
    path = f"/api/v1/test-runs/{older['id']}"
    tester = actors[Role.TESTER].bearer

    problem(
        await client.patch(path, json={"name": "x"}, headers={**tester, **if_match(older)}), 403, "PERMISSION_DENIED"
    )
    updated = await client.patch(
        path, json={"name": "Renamed", "label": "staging"}, headers={**manager_api.headers, **if_match(older)}
    )
    renamed = expect(updated, 200)
    assert (renamed["name"], renamed["label"], updated.headers["etag"]) == ("Renamed", "staging", '"2"')
    stale = await client.patch(path, json={"name": "y"}, headers={**manager_api.headers, **if_match(older)})
    problem(stale, 412, "VERSION_CONFLICT")

    listing = f"/api/v1/test-suites/{suite['id']}/runs"
    first = expect(await client.get(listing, params={"limit": 1}, headers=tester), 200)
    assert ([run["id"] for run in first["items"]], first["totalCount"]) == ([newer["id"]], 2)
    rest = expect(await client.get(listing, params={"limit": 1, "cursor": first["nextCursor"]}, headers=tester), 200)
    assert ([run["id"] for run in rest["items"]], rest["nextCursor"]) == ([older["id"]], None)

    problem(await client.delete(path, headers={**tester, **if_match(renamed)}), 403, "PERMISSION_DENIED")
    expect(await client.delete(path, headers={**manager_api.headers, **if_match(renamed)}), 204)
    problem(await client.get(path, headers=tester), 404, "NOT_FOUND")


async def test_entries_are_assigned_by_a_manager(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], suite: Json
) -> None:
    group = await manager_api.group(suite["id"])
    await manager_api.case(group["id"])
    run = await _run(manager_api, suite["id"])
    entry = (await _entries(manager_api, run))[0]
    path = f"/api/v1/test-runs/{run['id']}/assignments"
    tester = actors[Role.TESTER]
    body = {"entryIds": [entry["id"]], "assigneeId": str(tester.user.id)}

    problem(await client.post(path, json=body, headers=tester.bearer), 403, "PERMISSION_DENIED")
    assigned = expect(await client.post(path, json=body, headers=manager_api.headers), 200)
    assert assigned[0]["assignee"] == {"id": str(tester.user.id), "username": tester.user.username}
    cleared = expect(await client.post(path, json={**body, "assigneeId": None}, headers=manager_api.headers), 200)
    assert cleared[0]["assignee"] is None


async def test_the_snapshot_stays_when_the_case_is_edited(
    manager_api: Api, client: httpx.AsyncClient, suite: Json
) -> None:
    case = await manager_api.case((await manager_api.group(suite["id"]))["id"], title="Pay by card", priority="HIGH")
    run = await _run(manager_api, suite["id"])
    edited = await client.patch(
        f"/api/v1/test-cases/{case['id']}",
        json={"title": "Pay by card or wallet", "priority": "LOW"},
        headers={**manager_api.headers, **if_match(case)},
    )
    expect(edited, 200)

    entry = (await _entries(manager_api, run))[0]
    assert (entry["title"], entry["priority"]) == ("Pay by card", "HIGH")


async def test_drives_workflow_moves_only_legal_transitions_with_the_reason(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], suite: Json
) -> None:
    group = await manager_api.group(suite["id"])
    testing = await manager_api.move_case(await manager_api.case(group["id"]), "TESTING")
    created = await manager_api.case(group["id"])
    run = await _run(manager_api, suite["id"], name="RC 7", drivesWorkflow=True)
    tester = actors[Role.TESTER].bearer

    expect(await _record(client, tester, run, testing, result="FAILED", comment="broken"), 201)
    expect(await _record(client, tester, run, created, result="PASSED"), 201)

    def case_of(case: Json) -> Any:
        return client.get(f"/api/v1/test-cases/{case['id']}", headers=tester)

    assert expect(await case_of(testing), 200)["status"] == "FIXING"
    assert expect(await case_of(created), 200)["status"] == "CREATED"  # CREATED -> REVIEW_WAITING is not legal
    history = expect(await client.get(f"/api/v1/test-cases/{testing['id']}/history", headers=tester), 200)
    assert [(change["toStatus"], change["reason"]) for change in history["items"]][-1] == ("FIXING", "run RC 7: FAILED")
    untouched = expect(await client.get(f"/api/v1/test-cases/{created['id']}/history", headers=tester), 200)
    assert untouched["items"] == []


async def test_a_case_automation_key_is_unique_within_its_suite(
    manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor], suite: Json
) -> None:
    group = await manager_api.group(suite["id"])
    case, other = await manager_api.case(group["id"]), await manager_api.case(group["id"])
    elsewhere = await manager_api.case((await manager_api.group((await manager_api.suite())["id"]))["id"])

    def put(target: Json, key: str | None, headers: dict[str, str]) -> Any:
        return client.put(
            f"/api/v1/test-cases/{target['id']}/automation-key",
            json={"automationKey": key},
            headers={**headers, **if_match(target)},
        )

    problem(await put(case, "shop.test_pay", actors[Role.TESTER].bearer), 403, "PERMISSION_DENIED")
    response = await put(case, " shop.test_pay ", manager_api.headers)
    assert expect(response, 200) == {"caseId": case["id"], "automationKey": "shop.test_pay", "version": 2}
    assert response.headers["etag"] == '"2"'
    problem(await put(other, "shop.test_pay", manager_api.headers), 409, "CONFLICT")
    expect(await put(elsewhere, "shop.test_pay", manager_api.headers), 200)
    problem(await put(case, None, manager_api.headers), 412, "VERSION_CONFLICT")
    removed = await put({**case, "version": 2}, None, manager_api.headers)
    assert expect(removed, 200)["automationKey"] is None
