"""Every resource route, from the app's own OpenAPI document: 401 without credentials, 403 for each role
the permission matrix excludes, 404 for an unknown id. A route missing from the table fails the first test,
so no route can be added without these checks (the old API had handlers that were never routed)."""

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from rest_actors import Actor
from rest_api import expect, problem

from tcm_common.domain.principal import Role

EVERYONE = frozenset(Role)
MANAGERS = frozenset({Role.MANAGER, Role.ADMIN})
ADMINS = frozenset({Role.ADMIN})
STRONG = "a long and unusual passphrase"
JUNIT = b'<testsuites><testsuite name="s"><testcase classname="a" name="b"/></testsuite></testsuites>'


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    allowed: frozenset[Role]
    body: dict[str, Any] | None = None
    # Whether an unknown id in the path is a 404 (lists of the caller's own things have no such id).
    finds: bool = True
    query: dict[str, str] = field(default_factory=dict)
    # A JUnit XML body instead of JSON.
    xml: bytes | None = None


ROUTES = {
    "listTestSuites": Route("GET", "/api/v1/test-suites", EVERYONE, finds=False),
    "createTestSuite": Route(
        "POST",
        "/api/v1/test-suites",
        MANAGERS,
        {"name": "n", "estimatedStartDate": "2026-01-01", "estimatedEndDate": "2026-01-02"},
        finds=False,
    ),
    "getTestSuite": Route("GET", "/api/v1/test-suites/{id}", EVERYONE),
    "updateTestSuite": Route("PATCH", "/api/v1/test-suites/{id}", MANAGERS, {"name": "n"}),
    "deleteTestSuite": Route("DELETE", "/api/v1/test-suites/{id}", MANAGERS),
    "changeTestSuiteStatus": Route("POST", "/api/v1/test-suites/{id}/status", MANAGERS, {"status": "IN_PROGRESS"}),
    "listTestGroups": Route("GET", "/api/v1/test-suites/{id}/groups", EVERYONE),
    "createTestGroup": Route("POST", "/api/v1/test-suites/{id}/groups", MANAGERS, {"name": "g"}),
    "reorderTestGroups": Route("PUT", "/api/v1/test-suites/{id}/group-order", MANAGERS, {"groupIds": []}),
    "getTestGroup": Route("GET", "/api/v1/test-groups/{id}", EVERYONE),
    "updateTestGroup": Route("PATCH", "/api/v1/test-groups/{id}", MANAGERS, {"name": "g"}),
    "deleteTestGroup": Route("DELETE", "/api/v1/test-groups/{id}", MANAGERS),
    "listTestCases": Route("GET", "/api/v1/test-groups/{id}/cases", EVERYONE),
    "createTestCase": Route("POST", "/api/v1/test-groups/{id}/cases", MANAGERS, {"title": "t"}),
    "getTestCase": Route("GET", "/api/v1/test-cases/{id}", EVERYONE),
    "updateTestCase": Route("PATCH", "/api/v1/test-cases/{id}", MANAGERS, {"title": "t"}),
    "deleteTestCase": Route("DELETE", "/api/v1/test-cases/{id}", MANAGERS),
    "changeTestCaseStatus": Route("POST", "/api/v1/test-cases/{id}/status", EVERYONE, {"status": "TESTING"}),
    "getTestCaseHistory": Route("GET", "/api/v1/test-cases/{id}/history", EVERYONE),
    "listEffortRecords": Route("GET", "/api/v1/test-cases/{id}/efforts", EVERYONE),
    "recordEffort": Route("POST", "/api/v1/test-cases/{id}/efforts", EVERYONE, {"date": "2026-01-01", "hours": 1}),
    "listUsers": Route("GET", "/api/v1/users", ADMINS, finds=False),
    "createUser": Route(
        "POST",
        "/api/v1/users",
        ADMINS,
        {"username": "u_x", "password": STRONG, "role": "TESTER"},
        finds=False,
    ),
    "getUser": Route("GET", "/api/v1/users/{id}", ADMINS),
    "updateUser": Route("PATCH", "/api/v1/users/{id}", ADMINS, {"disabled": True}),
    "resetUserPassword": Route("POST", "/api/v1/users/{id}/password", ADMINS, {"password": STRONG}),
    "deleteUser": Route("DELETE", "/api/v1/users/{id}", ADMINS),
    "getMe": Route("GET", "/api/v1/me", EVERYONE, finds=False),
    "changeMyPassword": Route(
        "POST", "/api/v1/me/password", EVERYONE, {"currentPassword": "x", "newPassword": STRONG}, finds=False
    ),
    "listMySessions": Route("GET", "/api/v1/me/sessions", EVERYONE, finds=False),
    "revokeMySession": Route("DELETE", "/api/v1/me/sessions/{id}", EVERYONE),
    "listApiTokens": Route("GET", "/api/v1/api-tokens", EVERYONE, finds=False),
    "createApiToken": Route("POST", "/api/v1/api-tokens", EVERYONE, {"name": "n", "expiresInDays": 1}, finds=False),
    "revokeApiToken": Route("DELETE", "/api/v1/api-tokens/{id}", EVERYONE),
    "listTestRuns": Route("GET", "/api/v1/test-suites/{id}/runs", EVERYONE),
    "createTestRun": Route("POST", "/api/v1/test-suites/{id}/runs", MANAGERS, {"name": "n"}),
    "getTestRun": Route("GET", "/api/v1/test-runs/{id}", EVERYONE),
    "updateTestRun": Route("PATCH", "/api/v1/test-runs/{id}", MANAGERS, {"name": "n"}),
    "deleteTestRun": Route("DELETE", "/api/v1/test-runs/{id}", MANAGERS),
    "startTestRun": Route("POST", "/api/v1/test-runs/{id}/start", EVERYONE),
    "completeTestRun": Route("POST", "/api/v1/test-runs/{id}/complete", EVERYONE),
    "abortTestRun": Route("POST", "/api/v1/test-runs/{id}/abort", MANAGERS),
    "reopenTestRun": Route("POST", "/api/v1/test-runs/{id}/reopen", MANAGERS),
    "listTestRunEntries": Route("GET", "/api/v1/test-runs/{id}/entries", EVERYONE),
    "assignTestRunEntries": Route(
        "POST", "/api/v1/test-runs/{id}/assignments", MANAGERS, {"entryIds": [str(uuid.uuid4())], "assigneeId": None}
    ),
    "recordTestRunResult": Route(
        "POST", "/api/v1/test-runs/{id}/results", EVERYONE, {"caseId": str(uuid.uuid4()), "result": "PASSED"}
    ),
    "listTestRunResults": Route("GET", "/api/v1/test-runs/{id}/cases/{id}/results", EVERYONE),
    "importJUnitIntoTestRun": Route("POST", "/api/v1/test-runs/{id}/junit", EVERYONE, xml=JUNIT),
    "importJUnitAsTestRun": Route("POST", "/api/v1/test-suites/{id}/junit", MANAGERS, xml=JUNIT, query={"name": "n"}),
    "setTestCaseAutomationKey": Route(
        "PUT", "/api/v1/test-cases/{id}/automation-key", MANAGERS, {"automationKey": "k"}
    ),
}
PUBLIC = {"login", "refreshSession", "logout"}


async def _call(client: httpx.AsyncClient, route: Route, headers: dict[str, str]) -> httpx.Response:
    if route.xml is not None:
        headers = {**headers, "Content-Type": "application/xml"}
    return await client.request(
        route.method,
        route.path.format(id=uuid.uuid4()),
        json=route.body,
        content=route.xml,
        headers={**headers, "If-Match": '"1"'},
        params=route.query,
    )


async def test_every_resource_route_of_the_openapi_document_is_in_the_table(
    client: httpx.AsyncClient,
) -> None:
    document = expect(await client.get("/api/v1/schema/openapi.json"), 200)
    operations = {
        operation["operationId"]: (method.upper(), re.sub(r"\{[^}]+\}", "{id}", path))
        for path, item in document["paths"].items()
        if path.startswith("/api/v1/")
        for method, operation in item.items()
    }
    assert set(operations) == set(ROUTES) | PUBLIC
    assert {name: operations[name] for name in ROUTES} == {
        name: (route.method, route.path) for name, route in ROUTES.items()
    }


@pytest.mark.parametrize("name", sorted(ROUTES))
async def test_anonymous_callers_get_401(client: httpx.AsyncClient, name: str) -> None:
    problem(await _call(client, ROUTES[name], {}), 401, "UNAUTHENTICATED")


@pytest.mark.parametrize(
    ("name", "role"),
    [(name, role) for name, route in sorted(ROUTES.items()) for role in Role if role not in route.allowed],
)
async def test_roles_outside_the_permission_matrix_get_403(
    client: httpx.AsyncClient, actors: dict[Role, Actor], name: str, role: Role
) -> None:
    problem(await _call(client, ROUTES[name], actors[role].bearer), 403, "PERMISSION_DENIED")


@pytest.mark.parametrize("name", sorted(name for name, route in ROUTES.items() if route.finds))
async def test_unknown_ids_get_404(client: httpx.AsyncClient, actors: dict[Role, Actor], name: str) -> None:
    problem(await _call(client, ROUTES[name], actors[Role.ADMIN].bearer), 404, "NOT_FOUND")
