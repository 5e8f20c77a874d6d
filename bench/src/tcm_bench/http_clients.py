"""HTTP callers of the services: a browser-like GraphQL session (cookies, Origin) and a bearer-token
REST caller. Answers other than the expected one raise RequestFailedError."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from http.cookies import SimpleCookie
from typing import Any

import httpx

from tcm_bench.figures import RequestFailedError
from tcm_common.auth.testing import TEST_ORIGIN

TIMEOUT_SECONDS = 60.0
EMPTY: Mapping[str, str] = {}
LOGIN = "mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { id } }"


def http_client(base_url: str, concurrency: int) -> httpx.AsyncClient:
    """Keep-alive connections, one per concurrent caller, as a busy client (or the ALB) holds them."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT_SECONDS, limits=limits)


async def _send(request: Awaitable[httpx.Response]) -> httpx.Response:
    try:
        response = await request
    except httpx.HTTPError as error:
        raise RequestFailedError(type(error).__name__, str(error)) from error
    return response


class GraphqlSession:
    """Signs in once; then sends the access cookie (the __Host- cookies are Secure, so httpx would not
    send them over plain http to 127.0.0.1 by itself) and the allowed Origin with every request."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._cookies: dict[str, str] = {}

    async def login(self, username: str, password: str) -> None:
        response = await self._client.post(
            "/graphql",
            json={"query": LOGIN, "variables": {"u": username, "p": password}},
            headers={"origin": TEST_ORIGIN},
        )
        body = response.json()
        if response.status_code != 200 or "errors" in body:
            raise RuntimeError(f"GraphQL sign-in failed: {response.status_code} {body}")
        for header in response.headers.get_list("set-cookie"):
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            self._cookies.update({name: morsel.value for name, morsel in jar.items()})

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self._cookies.items())

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, extra_headers: Mapping[str, str] = EMPTY
    ) -> dict[str, Any]:
        headers = {"origin": TEST_ORIGIN, "cookie": self.cookie_header(), **extra_headers}
        response = await _send(
            self._client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
        )
        if response.status_code != 200:
            raise RequestFailedError(f"HTTP {response.status_code}")
        body = response.json()
        errors = body.get("errors")
        if errors:
            codes = sorted({str(error.get("extensions", {}).get("code", "UNKNOWN")) for error in errors})
            raise RequestFailedError("+".join(codes), str(errors[0].get("message")))
        data: dict[str, Any] = body["data"]
        return data


class RestCaller:
    """`Authorization: Bearer <API token>`, as CI and other tools call the REST API."""

    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self._client = client
        self._headers = {"authorization": f"Bearer {token}"}

    async def get(
        self, path: str, params: dict[str, str | int] | None = None, extra_headers: Mapping[str, str] = EMPTY
    ) -> httpx.Response:
        response = await _send(self._client.get(path, params=params, headers={**self._headers, **extra_headers}))
        if response.status_code != 200:
            raise RequestFailedError(f"HTTP {response.status_code}")
        return response

    async def send(self, method: str, path: str, body: bytes | None) -> httpx.Response:
        """A GET, or a POST of a JSON body (GraphQL with the bearer token); anything but a 200 raises."""
        headers = self._headers if body is None else {**self._headers, "content-type": "application/json"}
        response = await _send(self._client.request(method, path, content=body, headers=headers))
        if response.status_code != 200:
            raise RequestFailedError(f"HTTP {response.status_code}")
        return response

    async def post(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
        """The response whatever its status: the caller decides what a 412 or 409 means."""
        return await _send(self._client.post(path, json=body, headers={**self._headers, **headers}))

    async def patch(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
        """The response whatever its status, as for post."""
        return await _send(self._client.patch(path, json=body, headers={**self._headers, **headers}))
