"""Every optional input the OpenAPI document offers has an effect a client can see (docs/architecture.md:
no input is accepted and ignored).

The inputs come from the generated document: every optional property of a write's JSON body and every
optional query parameter. Each has a case here that sends the same request without and with it (set to
something other than its default) and compares what a client then sees; an input without a case fails
`test_every_optional_input_has_a_case`.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from rest_actors import Actor
from rest_api import Api, Json, expect, if_match
from rest_openapi_document import generated_document

from tcm_common.domain.principal import Role
from tcm_common.testing.observed import essence

V1 = "/api/v1"
WRITES = ("post", "put", "patch")
REPORT = (
    Path(__file__).resolve().parents[3] / "libs" / "common" / "tests" / "junit_fixtures" / "pytest.xml"
).read_bytes()
XML = {"Content-Type": "application/xml"}


@dataclass(frozen=True)
class Callers:
    manager: Api
    admin: Api
    manager_actor: Actor


# Sends the request with these extra inputs (body fields or query parameters) and answers what a client
# sees afterwards: the answer and, where the answer does not show it, the state read back.
Observe = Callable[[Callers, Json], Awaitable[Any]]
# Builds what a read looks at and answers its path.
Prepare = Callable[[Callers], Awaitable[str]]
# The value to send: fixed, or taken from the callers (an id).
Value = Any


@dataclass(frozen=True)
class WriteCase:
    """Two writes on two equal fresh targets, one with the input and one without."""

    observe: Observe
    value: Value

    async def both(self, callers: Callers, name: str, value: Any) -> tuple[Any, Any]:
        return await self.observe(callers, {}), await self.observe(callers, {name: value})


@dataclass(frozen=True)
class ReadCase:
    """Two reads of the same data, one with the parameter and one without."""

    prepare: Prepare
    caller: Callable[[Callers], Api]
    value: Value

    async def both(self, callers: Callers, name: str, value: Any) -> tuple[Any, Any]:
        api, path = self.caller(callers), await self.prepare(callers)
        if value == NEXT_PAGE:
            value = (await read(api, path, limit=1))["nextCursor"]
        return await read(api, path), await read(api, path, **{name: value})


Case = WriteCase | ReadCase
# The value of `cursor` in the table: the read asks for the first page of one item and sends its nextCursor.
NEXT_PAGE = "<the nextCursor of a one-item first page>"


def answer(response: httpx.Response) -> Json:
    return {"status": response.status_code, "body": response.json() if response.content else None}


def refusals(seen: Any) -> list[Any]:
    """The error answers among what was seen."""
    if isinstance(seen, list):
        return [refusal for item in seen for refusal in refusals(item)]
    if isinstance(seen, dict) and seen.keys() == {"status", "body"} and seen["status"] >= 400:
        return [seen]
    return []


async def read(api: Api, path: str, **params: Any) -> Any:
    return expect(await api.client.get(path, params=params, headers=api.headers), 200)


async def fresh_case(api: Api, **fields: Any) -> Json:
    suite = await api.suite(name="optional inputs")
    group = await api.group(suite["id"], name="group")
    case: Json = await api.case(group["id"], title="case", **fields)
    return case


# Writes: the body's optional fields.


async def create_suite(callers: Callers, extra: Json) -> Any:
    return await callers.manager.suite(name="optional inputs", **extra)


async def update_suite(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    suite = await api.suite(name="optional inputs", estimatedStartDate="2026-01-01", estimatedEndDate="2026-12-31")
    path = f"{V1}/test-suites/{suite['id']}"
    response = await api.client.patch(path, json=extra, headers={**api.headers, **if_match(suite)})
    return [answer(response), await read(api, path)]


async def create_group(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    return await api.group((await api.suite(name="optional inputs"))["id"], name="group", **extra)


async def update_group(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    group = await api.group((await api.suite(name="optional inputs"))["id"], name="group")
    path = f"{V1}/test-groups/{group['id']}"
    response = await api.client.patch(path, json=extra, headers={**api.headers, **if_match(group)})
    return [answer(response), await read(api, path)]


async def create_case(callers: Callers, extra: Json) -> Any:
    return await fresh_case(callers.manager, **extra)


async def update_case(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    case = await fresh_case(api)
    path = f"{V1}/test-cases/{case['id']}"
    response = await api.client.patch(path, json=extra, headers={**api.headers, **if_match(case)})
    return [answer(response), await read(api, path)]


async def change_case_status(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    case = await fresh_case(api)
    path = f"{V1}/test-cases/{case['id']}"
    body = {"status": "TESTING", **extra}
    response = await api.client.post(f"{path}/status", json=body, headers={**api.headers, **if_match(case)})
    return [answer(response), await read(api, f"{path}/history")]


async def record_effort(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    case = await fresh_case(api)
    path = f"{V1}/test-cases/{case['id']}/efforts"
    body = {"date": "2026-02-03", "hours": 1.5, **extra}
    response = await api.client.post(path, json=body, headers=api.headers)
    return [answer(response), await read(api, path)]


async def suite_with_cases(api: Api) -> tuple[Json, list[Json]]:
    suite = await api.suite(name="optional inputs")
    first, second = await api.group(suite["id"], name="first"), await api.group(suite["id"], name="second")
    cases = [
        await api.case(first["id"], title="high", priority="HIGH"),
        await api.case(first["id"], title="low", priority="LOW"),
        await api.case(second["id"], title="other", priority="HIGH"),
    ]
    return suite, cases


async def create_run(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    suite, cases = await suite_with_cases(api)
    chosen = {"groupIds": [cases[0]["groupId"]], "caseIds": [cases[2]["id"]]}
    body = {"name": "run", **{key: chosen.get(key, value) for key, value in extra.items()}}
    run = expect(await api.client.post(f"{V1}/test-suites/{suite['id']}/runs", json=body, headers=api.headers), 201)
    return [run, await read(api, f"{V1}/test-runs/{run['id']}/entries")]


async def update_run(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    suite, _ = await suite_with_cases(api)
    body = {"name": "run"}
    run = expect(await api.client.post(f"{V1}/test-suites/{suite['id']}/runs", json=body, headers=api.headers), 201)
    path = f"{V1}/test-runs/{run['id']}"
    response = await api.client.patch(path, json=extra, headers={**api.headers, **if_match(run)})
    return [answer(response), await read(api, path)]


async def record_result(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    suite, cases = await suite_with_cases(api)
    body = {"name": "run"}
    run = expect(await api.client.post(f"{V1}/test-suites/{suite['id']}/runs", json=body, headers=api.headers), 201)
    path = f"{V1}/test-runs/{run['id']}"
    result = {"caseId": cases[0]["id"], "result": "PASSED", **extra}
    response = await api.client.post(f"{path}/results", json=result, headers=api.headers)
    return [answer(response), await read(api, f"{path}/cases/{cases[0]['id']}/results")]


async def update_user(callers: Callers, extra: Json) -> Any:
    api = callers.admin
    body = {"username": f"optional-{secrets.token_hex(4)}", "password": "a long enough password", "role": "TESTER"}
    user = expect(await api.client.post(f"{V1}/users", json=body, headers=api.headers), 201)
    path = f"{V1}/users/{user['id']}"
    response = await api.client.patch(path, json=extra, headers={**api.headers, **if_match(user)})
    return [answer(response), await read(api, path)]


# Query parameters.


def as_manager(callers: Callers) -> Api:
    return callers.manager


def as_admin(callers: Callers) -> Api:
    return callers.admin


async def all_suites(callers: Callers) -> str:
    api = callers.manager
    await api.suite(name="older", estimatedStartDate="2026-01-01", estimatedEndDate="2026-01-31")
    suite = await api.suite(name="newer", estimatedStartDate="2026-06-01", estimatedEndDate="2026-12-31")
    path = f"{V1}/test-suites/{suite['id']}/status"
    response = await api.client.post(path, json={"status": "IN_PROGRESS"}, headers={**api.headers, **if_match(suite)})
    expect(response, 200)
    return f"{V1}/test-suites"


async def groups_of_a_suite(callers: Callers) -> str:
    suite, _ = await suite_with_cases(callers.manager)
    return f"{V1}/test-suites/{suite['id']}/groups"


async def cases_of_a_group(callers: Callers) -> str:
    _, cases = await suite_with_cases(callers.manager)
    return f"{V1}/test-groups/{cases[0]['groupId']}/cases"


async def runs_of_a_suite(callers: Callers) -> str:
    api = callers.manager
    suite = await api.suite(name="optional inputs")
    runs = [
        expect(
            await api.client.post(f"{V1}/test-suites/{suite['id']}/runs", json={"name": name}, headers=api.headers), 201
        )
        for name in ("planned", "started")
    ]
    start = f"{V1}/test-runs/{runs[1]['id']}/start"
    expect(await api.client.post(start, headers={**api.headers, **if_match(runs[1])}), 200)
    return f"{V1}/test-suites/{suite['id']}/runs"


async def history_of_a_case(callers: Callers) -> str:
    api = callers.manager
    case = await fresh_case(api)
    path = f"{V1}/test-cases/{case['id']}"
    moved = expect(
        await api.client.post(f"{path}/status", json={"status": "TESTING"}, headers={**api.headers, **if_match(case)}),
        200,
    )
    body = {"status": "FIXING", "reason": "broken"}
    expect(await api.client.post(f"{path}/status", json=body, headers={**api.headers, **if_match(moved)}), 200)
    return f"{path}/history"


async def efforts_of_a_case(callers: Callers) -> str:
    api = callers.manager
    case = await fresh_case(api)
    path = f"{V1}/test-cases/{case['id']}/efforts"
    for date in ("2026-02-01", "2026-02-02"):
        expect(await api.client.post(path, json={"date": date, "hours": 1}, headers=api.headers), 201)
    return path


async def users(_callers: Callers) -> str:
    return f"{V1}/users"


async def api_tokens(callers: Callers) -> str:
    for api, name in ((callers.admin, "the admin's"), (callers.manager, "the manager's")):
        for _ in range(2):
            body = {"name": name, "expiresInDays": 1}
            expect(await api.client.post(f"{V1}/api-tokens", json=body, headers=api.headers), 201)
    return f"{V1}/api-tokens"


async def read_suite(callers: Callers, extra: Json) -> Any:
    suite, _ = await suite_with_cases(callers.manager)
    return await read(callers.manager, f"{V1}/test-suites/{suite['id']}", **extra)


async def delete_suite(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    suite, _ = await suite_with_cases(api)
    path = f"{V1}/test-suites/{suite['id']}"
    return answer(await api.client.delete(path, params=extra, headers={**api.headers, **if_match(suite)}))


async def delete_group(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    _, cases = await suite_with_cases(api)
    path = f"{V1}/test-groups/{cases[0]['groupId']}"
    group = await read(api, path)
    return answer(await api.client.delete(path, params=extra, headers={**api.headers, **if_match(group)}))


async def import_as_run(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    suite = await api.suite(name="optional inputs")
    path = f"{V1}/test-suites/{suite['id']}/junit"
    params = {"name": "CI", **extra}
    return answer(await api.client.post(path, content=REPORT, params=params, headers={**api.headers, **XML}))


async def import_into_run(callers: Callers, extra: Json) -> Any:
    api = callers.manager
    suite = await api.suite(name="optional inputs")
    run = expect(
        await api.client.post(f"{V1}/test-suites/{suite['id']}/runs", json={"name": "CI"}, headers=api.headers), 201
    )
    path = f"{V1}/test-runs/{run['id']}/junit"
    return answer(await api.client.post(path, content=REPORT, params=extra, headers={**api.headers, **XML}))


async def manager_id(callers: Callers) -> str:
    return str(callers.manager_actor.user.id)


def paged(prepare: Prepare, caller: Callable[[Callers], Api] = as_manager) -> dict[str, Case]:
    return {"limit": ReadCase(prepare, caller, 1), "cursor": ReadCase(prepare, caller, NEXT_PAGE)}


def keyed(method: str, path: str, cases: dict[str, Case]) -> dict[str, Case]:
    return {f"{method} {path} {name}": case for name, case in cases.items()}


def fields(observe: Observe, **values: Any) -> dict[str, Case]:
    return {name: WriteCase(observe, value) for name, value in values.items()}


CASES: dict[str, Case] = {
    **keyed("POST", "/api/v1/test-suites", fields(create_suite, description="kept", requireEffortComment=True)),
    **keyed(
        "PATCH",
        "/api/v1/test-suites/{suite_id}",
        fields(
            update_suite,
            name="renamed",
            description="kept",
            estimatedStartDate="2026-02-01",
            estimatedEndDate="2026-11-30",
            requireEffortComment=True,
        ),
    ),
    **keyed("POST", "/api/v1/test-suites/{suite_id}/groups", fields(create_group, description="kept")),
    **keyed("PATCH", "/api/v1/test-groups/{group_id}", fields(update_group, name="renamed", description="kept")),
    **keyed(
        "POST",
        "/api/v1/test-groups/{group_id}/cases",
        fields(create_case, description="kept", priority="HIGH", plannedEffort=2.5),
    ),
    **keyed(
        "PATCH",
        "/api/v1/test-cases/{case_id}",
        fields(update_case, title="renamed", description="kept", priority="HIGH", plannedEffort=2.5),
    ),
    **keyed("POST", "/api/v1/test-cases/{case_id}/status", fields(change_case_status, reason="starting")),
    **keyed("POST", "/api/v1/test-cases/{case_id}/efforts", fields(record_effort, comment="kept")),
    **keyed(
        "POST",
        "/api/v1/test-suites/{suite_id}/runs",
        # groupIds and caseIds: create_run swaps the placeholder for a group and a case of the suite.
        fields(
            create_run,
            description="kept",
            label="build 7",
            drivesWorkflow=True,
            groupIds=None,
            caseIds=None,
            priorities=["LOW"],
        ),
    ),
    **keyed(
        "PATCH",
        "/api/v1/test-runs/{run_id}",
        fields(update_run, name="renamed", description="kept", label="build 7", drivesWorkflow=True),
    ),
    **keyed(
        "POST",
        "/api/v1/test-runs/{run_id}/results",
        fields(record_result, comment="kept", durationMs=1200, externalId="ci-42"),
    ),
    **keyed("PATCH", "/api/v1/users/{user_id}", fields(update_user, role="MANAGER", disabled=True)),
    **keyed(
        "GET",
        "/api/v1/test-suites",
        {
            **paged(all_suites),
            "status": ReadCase(all_suites, as_manager, "IN_PROGRESS"),
            "search": ReadCase(all_suites, as_manager, "older"),
            "startFrom": ReadCase(all_suites, as_manager, "2026-05-01"),
            "endTo": ReadCase(all_suites, as_manager, "2026-02-01"),
        },
    ),
    **keyed("GET", "/api/v1/test-suites/{suite_id}", fields(read_suite, include="groups.cases")),
    **keyed("DELETE", "/api/v1/test-suites/{suite_id}", fields(delete_suite, cascade="true")),
    **keyed("DELETE", "/api/v1/test-groups/{group_id}", fields(delete_group, cascade="true")),
    **keyed("GET", "/api/v1/test-suites/{suite_id}/groups", paged(groups_of_a_suite)),
    **keyed("GET", "/api/v1/test-groups/{group_id}/cases", paged(cases_of_a_group)),
    **keyed(
        "GET",
        "/api/v1/test-suites/{suite_id}/runs",
        {**paged(runs_of_a_suite), "status": ReadCase(runs_of_a_suite, as_manager, "IN_PROGRESS")},
    ),
    **keyed("GET", "/api/v1/test-cases/{case_id}/history", paged(history_of_a_case)),
    **keyed("GET", "/api/v1/test-cases/{case_id}/efforts", paged(efforts_of_a_case)),
    **keyed("GET", "/api/v1/users", paged(users, as_admin)),
    **keyed(
        "GET",
        "/api/v1/api-tokens",
        {**paged(api_tokens, as_admin), "ownerId": ReadCase(api_tokens, as_admin, manager_id)},
    ),
    **keyed(
        "POST",
        "/api/v1/test-suites/{suite_id}/junit",
        fields(import_as_run, label="main", createMissing="true", drivesWorkflow="true"),
    ),
    **keyed("POST", "/api/v1/test-runs/{run_id}/junit", fields(import_into_run, createMissing="true")),
}


def optional_body_fields(document: Json, method: str, operation: Json) -> list[str]:
    if method not in WRITES or "requestBody" not in operation:
        return []
    schemas = document["components"]["schemas"]
    found: list[str] = []
    for content in operation["requestBody"]["content"].values():
        schema = content["schema"]
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        required = set(schema.get("required", []))
        found.extend(name for name in schema.get("properties", {}) if name not in required)
    return found


def optional_query_parameters(operation: Json) -> list[str]:
    parameters = operation.get("parameters", [])
    return [p["name"] for p in parameters if p["in"] == "query" and not p.get("required", False)]


def optional_inputs(document: Json) -> set[str]:
    """`METHOD path name` of every optional body field of a write and every optional query parameter."""
    found: set[str] = set()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            names = optional_body_fields(document, method, operation) + optional_query_parameters(operation)
            found.update(f"{method.upper()} {path} {name}" for name in names)
    return found


def test_every_optional_input_has_a_case() -> None:
    inputs = optional_inputs(generated_document())
    assert not inputs - CASES.keys(), "no case for " + ", ".join(sorted(inputs - CASES.keys()))
    assert not CASES.keys() - inputs, "a case for no input: " + ", ".join(sorted(CASES.keys() - inputs))


@pytest.fixture
def callers(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> Callers:
    return Callers(
        manager=Api(client, actors[Role.MANAGER].bearer),
        admin=Api(client, actors[Role.ADMIN].bearer),
        manager_actor=actors[Role.MANAGER],
    )


@pytest.mark.parametrize("name", sorted(CASES))
async def test_the_optional_input_has_an_effect(callers: Callers, name: str) -> None:
    case = CASES[name]
    value = await case.value(callers) if callable(case.value) else case.value
    without, with_it = await case.both(callers, name.rsplit(" ", 1)[1], value)
    assert not refusals(with_it), f"{name} = {value!r} was refused"
    assert essence(with_it) != essence(without), f"{name} = {value!r} changed nothing a client sees: {with_it}"
