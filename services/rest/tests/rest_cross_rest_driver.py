"""The scenario's driver for the REST API: every change carries the ETag the client last saw."""

from __future__ import annotations

from typing import Any

import httpx
from rest_api import Json, expect
from rest_cross_scenario import Ref

API = "/api/v1"


def _ref(body: Json) -> Ref:
    return Ref(body["id"], body["version"])


def _if_match(ref: Ref) -> dict[str, str]:
    return {"If-Match": f'"{ref.version}"'}


class RestDriver:
    def __init__(self, client: httpx.AsyncClient, headers: dict[str, str]) -> None:
        self._client = client
        self._headers = headers

    async def _call(self, method: str, path: str, status: int, body: Any = None, ref: Ref | None = None) -> Any:
        headers = {**self._headers, **(_if_match(ref) if ref else {})}
        return expect(await self._client.request(method, API + path, json=body, headers=headers), status)

    async def create_suite(self, name: str, description: str, start: str, end: str, comments: bool) -> Ref:
        body = {
            "name": name,
            "description": description,
            "estimatedStartDate": start,
            "estimatedEndDate": end,
            "requireEffortComment": comments,
        }
        return _ref(await self._call("POST", "/test-suites", 201, body))

    async def update_suite_description(self, suite: Ref, description: str) -> Ref:
        return _ref(await self._call("PATCH", f"/test-suites/{suite.id}", 200, {"description": description}, suite))

    async def change_suite_status(self, suite: Ref, status: str) -> Ref:
        return _ref(await self._call("POST", f"/test-suites/{suite.id}/status", 200, {"status": status}, suite))

    async def create_group(self, suite_id: str, name: str) -> Ref:
        return _ref(await self._call("POST", f"/test-suites/{suite_id}/groups", 201, {"name": name}))

    async def reorder_groups(self, suite_id: str, group_ids: list[str]) -> list[Ref]:
        groups = await self._call("PUT", f"/test-suites/{suite_id}/group-order", 200, {"groupIds": group_ids})
        return [_ref(group) for group in groups]

    async def rename_group(self, group: Ref, name: str) -> Ref:
        return _ref(await self._call("PATCH", f"/test-groups/{group.id}", 200, {"name": name}, group))

    async def delete_group(self, group: Ref) -> None:
        await self._call("DELETE", f"/test-groups/{group.id}", 204, ref=group)

    async def create_case(self, group_id: str, title: str, priority: str, planned: float | None) -> Ref:
        body = {"title": title, "priority": priority, "plannedEffort": planned}
        return _ref(await self._call("POST", f"/test-groups/{group_id}/cases", 201, body))

    async def change_case_status(self, case: Ref, status: str, reason: str | None) -> Ref | None:
        response = await self._client.post(
            f"{API}/test-cases/{case.id}/status",
            json={"status": status, "reason": reason},
            headers={**self._headers, **_if_match(case)},
        )
        if response.status_code == 409:
            return None
        return _ref(expect(response, 200))

    async def update_case(self, case: Ref, priority: str, planned: float | None) -> Ref:
        body = {"priority": priority, "plannedEffort": planned}
        return _ref(await self._call("PATCH", f"/test-cases/{case.id}", 200, body, case))

    async def delete_case(self, case: Ref) -> None:
        await self._call("DELETE", f"/test-cases/{case.id}", 204, ref=case)

    async def record_effort(self, case_id: str, date: str, hours: float, comment: str) -> None:
        body = {"date": date, "hours": hours, "comment": comment}
        await self._call("POST", f"/test-cases/{case_id}/efforts", 201, body)
