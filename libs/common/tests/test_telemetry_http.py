"""The HTTP access log through a real Litestar app (tcm_common.web, as the services assemble it): who the
request acted for, requests that match no route, and no credential in any span or log line."""

import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import asyncpg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from web_harness import opener_for, web_app, web_client

from tcm_common.auth.testing import TEST_ORIGIN, TEST_PASSWORD, create_user, fast_password_hasher
from tcm_common.domain.user import User
from tcm_common.web.json_logs import JsonFormatter


@pytest.fixture(scope="module")
def spans() -> InMemorySpanExporter:
    # Spans are recorded only under an SDK provider; a service gets its own from tcm_common.telemetry.
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


@pytest.fixture
def logs() -> Iterator[io.StringIO]:
    """Every log line of the process while the test runs, formatted (with trace ids) as it is emitted."""
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(JsonFormatter("web-test", "1.0.0"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield output
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
async def client(
    spans: InMemorySpanExporter, migrated_pool: asyncpg.Pool, database_url: str  # noqa: ARG001 requested for its side effect
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with web_client(web_app(opener_for(database_url))) as client:
        spans.clear()
        yield client


@pytest.fixture
async def user(migrated_pool: asyncpg.Pool) -> User:
    return await create_user(migrated_pool, fast_password_hasher())


def lines(logs: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in logs.getvalue().splitlines()]


def access_line(logs: io.StringIO, path: str) -> dict[str, Any]:
    [line] = [line for line in lines(logs) if line.get("http", {}).get("path") == path]
    return line


def hex_ids(span: ReadableSpan) -> tuple[str, str]:
    """The trace and span ids as the logs write them."""
    assert span.context is not None
    return format(span.context.trace_id, "032x"), format(span.context.span_id, "016x")


def server_span(spans: InMemorySpanExporter, trace_id: str) -> ReadableSpan:
    [span] = [
        span for span in spans.get_finished_spans() if span.kind is SpanKind.SERVER and hex_ids(span)[0] == trace_id
    ]
    return span


async def test_the_span_and_access_line_name_the_user_and_hold_no_credential(
    client: AsyncTestClient[Litestar], spans: InMemorySpanExporter, logs: io.StringIO, user: User
) -> None:
    login = await client.post(
        "/login",
        json={"username": user.username, "password": TEST_PASSWORD},
        headers={"origin": TEST_ORIGIN, "content-type": "application/json"},
    )
    assert login.status_code == 201
    assert (await client.get("/whoami")).json()["username"] == user.username

    caller = {"id": str(user.id), "role": user.role.value}
    for path in ("/login", "/whoami"):
        line = access_line(logs, path)
        assert line["user"] == caller
        span = server_span(spans, line["trace_id"])
        assert span.attributes is not None
        assert (span.attributes["enduser.id"], span.attributes["enduser.role"]) == (caller["id"], caller["role"])
        assert line["span_id"] == hex_ids(span)[1]
    secrets = [TEST_PASSWORD, *(cookie.value for cookie in client.cookies.jar if cookie.value)]
    assert len(secrets) == 3, "the password and the two session cookies"
    recorded = logs.getvalue() + repr([(span.attributes, span.events) for span in spans.get_finished_spans()])
    for secret in secrets:
        assert secret not in recorded


async def test_an_anonymous_request_has_no_user(client: AsyncTestClient[Litestar], logs: io.StringIO) -> None:
    assert (await client.get("/whoami")).json() == {"username": None, "source": None}
    assert "user" not in access_line(logs, "/whoami")


async def test_requests_that_match_no_route_are_logged_traced_and_named_without_their_path(
    client: AsyncTestClient[Litestar], spans: InMemorySpanExporter, logs: io.StringIO, user: User
) -> None:
    assert (await client.get(f"/users/{user.id}/secrets")).status_code == 404
    assert (await client.delete("/whoami", headers={"authorization": "Bearer x"})).status_code == 405

    for path, method, status in ((f"/users/{user.id}/secrets", "GET", 404), ("/whoami", "DELETE", 405)):
        line = access_line(logs, path)
        assert (line["http"]["method"], line["http"]["status"], line["http"]["route"]) == (method, status, None)
        span = server_span(spans, line["trace_id"])
        assert span.name == method
        assert span.attributes is not None
        assert span.attributes["http.response.status_code"] == status
        assert "http.route" not in span.attributes
