"""Errors raised before any use case runs are problems too: routing, media type, size, syntax."""

import httpx
from rest_actors import Actor
from rest_api import problem

from tcm_common.domain.principal import Role
from tcm_common.web.limits import MAX_REQUEST_BODY_BYTES


async def test_an_unknown_route_is_a_404_problem(client: httpx.AsyncClient) -> None:
    problem(await client.get("/api/v1/nothing-here"), 404, "NOT_FOUND")


async def test_a_wrong_method_is_a_405_problem_naming_the_allowed_ones(
    client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    response = await client.put("/api/v1/test-suites", json={}, headers=actors[Role.MANAGER].bearer)
    problem(response, 405, "METHOD_NOT_ALLOWED")
    assert "POST" in response.headers["allow"]


async def test_a_body_that_is_not_json_is_a_415_or_400(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    headers = actors[Role.MANAGER].bearer
    as_text = await client.post("/api/v1/test-suites", content=b"{}", headers={**headers, "Content-Type": "text/plain"})
    broken = await client.post(
        "/api/v1/test-suites", content=b'{"name": ', headers={**headers, "Content-Type": "application/json"}
    )
    problem(as_text, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert problem(broken, 400, "INVALID_REQUEST")["detail"] == "the request body is not valid JSON"


async def test_a_body_beyond_the_limit_is_a_413(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    oversized = b'{"name": "' + b"x" * MAX_REQUEST_BODY_BYTES + b'"}'
    response = await client.post(
        "/api/v1/test-suites",
        content=oversized,
        headers={**actors[Role.MANAGER].bearer, "Content-Type": "application/json"},
    )
    problem(response, 413, "PAYLOAD_TOO_LARGE")


async def test_problems_carry_no_internals(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    response = await client.get("/api/v1/test-suites/not-a-uuid", headers=actors[Role.TESTER].bearer)
    body = problem(response, 404, "NOT_FOUND")
    assert set(body) <= {"type", "title", "status", "detail", "code", "errors", "traceId"}
    assert "Traceback" not in response.text
