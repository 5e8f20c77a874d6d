"""The GraphQL request for the same suite tree as REST: the selection is made from our REST tree answer
itself (every field it has, at every level), so both protocols are asked for the same fields."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from uuid import UUID

import httpx

from tcm_bench.figures import RequestFailedError

GRAPHQL_PATH = "/graphql"
TREE_OPERATION = "SuiteTree"


def selection(nodes: Sequence[dict[str, Any]]) -> str:
    """The fields of `nodes` (objects of one type), in the order first met; a list of objects becomes a
    nested selection of the fields of all of them."""
    fields: dict[str, list[dict[str, Any]]] = {}
    for node in nodes:
        for name, value in node.items():
            children = fields.setdefault(name, [])
            if isinstance(value, list):
                children.extend(item for item in value if isinstance(item, dict))
    return " ".join(f"{name} {{ {selection(children)} }}" if children else name for name, children in fields.items())


def tree_query(rest_tree: dict[str, Any]) -> str:
    return f"query {TREE_OPERATION}($id: ID!) {{ testSuite(id: $id) {{ {selection([rest_tree])} }} }}"


def graphql_body(query: str, variables: dict[str, Any] | None = None) -> bytes:
    return json.dumps({"query": query, "variables": variables or {}}, separators=(",", ":")).encode()


def tree_bodies(query: str, suite_ids: Sequence[UUID]) -> list[bytes]:
    return [graphql_body(query, {"id": str(suite_id)}) for suite_id in suite_ids]


async def graphql_answer(client: httpx.AsyncClient, url: str, body: bytes, token: str) -> tuple[dict[str, Any], int]:
    """The `data` of one answer sent with the bearer token, and the answer's size in bytes; an HTTP error
    or a GraphQL error raises."""
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    response = await client.post(url, content=body, headers=headers)
    answer = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
    if response.status_code != 200 or answer.get("errors") or "data" not in answer:
        raise RequestFailedError(f"HTTP {response.status_code}", response.text[:300])
    data: dict[str, Any] = answer["data"]
    return data, len(response.content)


async def graphql_data(client: httpx.AsyncClient, url: str, body: bytes, token: str) -> dict[str, Any]:
    data, _size = await graphql_answer(client, url, body, token)
    return data
