"""Builds test data through the API itself, as a client would."""

from __future__ import annotations

import secrets
from typing import Any

import httpx

Json = dict[str, Any]


def expect(response: httpx.Response, status: int) -> Any:
    """The decoded body (an object or a list) after checking the status."""
    assert response.status_code == status, f"{response.status_code} {response.text}"
    return response.json() if response.content else None


def problem(response: httpx.Response, status: int, code: str) -> Json:
    """The problem document of an error response, after checking its status, media type and code."""
    body: Json = expect(response, status)
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    assert body["status"] == status
    assert body["code"] == code, body
    assert body["type"] == "urn:tcm:problem:" + code.lower().replace("_", "-")
    return body


def if_match(resource: Json) -> dict[str, str]:
    return {"If-Match": f'"{resource["version"]}"'}


class Api:
    """Calls as one signed-in user (its Authorization header)."""

    def __init__(self, client: httpx.AsyncClient, headers: dict[str, str]) -> None:
        self.client = client
        self.headers = headers

    async def suite(self, **fields: Any) -> Any:
        body = {
            "name": f"suite {secrets.token_hex(3)}",
            "estimatedStartDate": "2026-01-01",
            "estimatedEndDate": "2026-12-31",
            **fields,
        }
        return expect(await self.client.post("/api/v1/test-suites", json=body, headers=self.headers), 201)

    async def group(self, suite_id: str, **fields: Any) -> Any:
        body = {"name": f"group {secrets.token_hex(3)}", **fields}
        path = f"/api/v1/test-suites/{suite_id}/groups"
        return expect(await self.client.post(path, json=body, headers=self.headers), 201)

    async def case(self, group_id: str, **fields: Any) -> Any:
        body = {"title": f"case {secrets.token_hex(3)}", **fields}
        path = f"/api/v1/test-groups/{group_id}/cases"
        return expect(await self.client.post(path, json=body, headers=self.headers), 201)

    async def move_case(self, case: Json, status: str, reason: str | None = None) -> Any:
        path = f"/api/v1/test-cases/{case['id']}/status"
        headers = {**self.headers, **if_match(case)}
        response = await self.client.post(path, json={"status": status, "reason": reason}, headers=headers)
        return expect(response, 200)
