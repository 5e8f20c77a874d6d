"""The scenario's driver for the GraphQL API (another service, another process): every change
carries the version the client last saw."""

from __future__ import annotations

from typing import Any

import httpx
from rest_cross_scenario import Ref

REF = "id version"


class GraphqlDriver:
    def __init__(self, client: httpx.AsyncClient, headers: dict[str, str]) -> None:
        self._client = client
        self._headers = headers

    async def _run(self, document: str, **variables: Any) -> dict[str, Any]:
        response = await self._client.post(
            "/graphql", json={"query": document, "variables": variables}, headers=self._headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def _data(self, document: str, **variables: Any) -> Any:
        body = await self._run(document, **variables)
        assert "errors" not in body, body
        [value] = body["data"].values()
        return value

    async def _ref(self, document: str, **variables: Any) -> Ref:
        value = await self._data(document, **variables)
        return Ref(value["id"], value["version"])

    async def create_suite(self, name: str, description: str, start: str, end: str, comments: bool) -> Ref:
        return await self._ref(
            f"mutation($i: CreateTestSuiteInput!) {{ createTestSuite(input: $i) {{ {REF} }} }}",
            i={
                "name": name,
                "description": description,
                "estimatedStartDate": start,
                "estimatedEndDate": end,
                "requireEffortComment": comments,
            },
        )

    async def update_suite_description(self, suite: Ref, description: str) -> Ref:
        return await self._ref(
            "mutation($id: ID!, $v: Int!, $d: String) "
            f"{{ updateTestSuite(id: $id, version: $v, input: {{description: $d}}) {{ {REF} }} }}",
            id=suite.id,
            v=suite.version,
            d=description,
        )

    async def change_suite_status(self, suite: Ref, status: str) -> Ref:
        return await self._ref(
            "mutation($id: ID!, $v: Int!, $s: TestSuiteStatus!) "
            f"{{ changeTestSuiteStatus(id: $id, version: $v, status: $s) {{ {REF} }} }}",
            id=suite.id,
            v=suite.version,
            s=status,
        )

    async def create_group(self, suite_id: str, name: str) -> Ref:
        return await self._ref(
            f"mutation($i: CreateTestGroupInput!) {{ createTestGroup(input: $i) {{ {REF} }} }}",
            i={"suiteId": suite_id, "name": name},
        )

    async def reorder_groups(self, suite_id: str, group_ids: list[str]) -> list[Ref]:
        groups = await self._data(
            f"mutation($s: ID!, $g: [ID!]!) {{ reorderGroups(suiteId: $s, groupIds: $g) {{ {REF} }} }}",
            s=suite_id,
            g=group_ids,
        )
        return [Ref(group["id"], group["version"]) for group in groups]

    async def rename_group(self, group: Ref, name: str) -> Ref:
        return await self._ref(
            "mutation($id: ID!, $v: Int!, $n: String) "
            f"{{ updateTestGroup(id: $id, version: $v, input: {{name: $n}}) {{ {REF} }} }}",
            id=group.id,
            v=group.version,
            n=name,
        )

    async def delete_group(self, group: Ref) -> None:
        await self._data(
            "mutation($id: ID!, $v: Int!) { deleteTestGroup(id: $id, version: $v) }", id=group.id, v=group.version
        )

    async def create_case(self, group_id: str, title: str, priority: str, planned: float | None) -> Ref:
        return await self._ref(
            f"mutation($i: CreateTestCaseInput!) {{ createTestCase(input: $i) {{ {REF} }} }}",
            i={"groupId": group_id, "title": title, "priority": priority, "plannedEffort": planned},
        )

    async def change_case_status(self, case: Ref, status: str, reason: str | None) -> Ref | None:
        body = await self._run(
            "mutation($id: ID!, $v: Int!, $s: TestCaseStatus!, $r: String) "
            f"{{ changeTestCaseStatus(id: $id, version: $v, status: $s, reason: $r) {{ {REF} }} }}",
            id=case.id,
            v=case.version,
            s=status,
            r=reason,
        )
        if body.get("errors"):
            # The workflow's refusal, whatever code GraphQL gives it (REST answers 409).
            assert "cannot change from" in body["errors"][0]["message"], body
            return None
        value = body["data"]["changeTestCaseStatus"]
        return Ref(value["id"], value["version"])

    async def update_case(self, case: Ref, priority: str, planned: float | None) -> Ref:
        return await self._ref(
            "mutation($id: ID!, $v: Int!, $i: UpdateTestCaseInput!) "
            f"{{ updateTestCase(id: $id, version: $v, input: $i) {{ {REF} }} }}",
            id=case.id,
            v=case.version,
            i={"priority": priority, "plannedEffort": planned},
        )

    async def delete_case(self, case: Ref) -> None:
        await self._data(
            "mutation($id: ID!, $v: Int!) { deleteTestCase(id: $id, version: $v) }", id=case.id, v=case.version
        )

    async def record_effort(self, case_id: str, date: str, hours: float, comment: str) -> None:
        await self._data(
            "mutation($i: RecordEffortInput!) { recordEffort(input: $i) { id } }",
            i={"caseId": case_id, "date": date, "hours": hours, "comment": comment},
        )
