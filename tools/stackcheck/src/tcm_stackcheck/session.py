"""A browser-like session against the edge: GraphQL with cookies and an allowed Origin."""

from __future__ import annotations

from typing import Any

import httpx


class GraphQLSession:
    def __init__(self, edge: str) -> None:
        self.http = httpx.Client(base_url=edge, headers={"origin": edge}, timeout=30)

    def execute(self, query: str, **variables: Any) -> dict[str, Any]:
        response = self.http.post("/graphql", json={"query": query, "variables": variables})
        body: dict[str, Any] = response.json()
        if body.get("errors"):
            raise AssertionError(f"GraphQL errors: {body['errors']}")
        data: dict[str, Any] = body["data"]
        return data

    def login(self, username: str, password: str) -> None:
        self.execute(
            "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }", u=username, p=password
        )
        assert self.http.cookies, "login set no cookie"

    def close(self) -> None:
        self.http.close()
