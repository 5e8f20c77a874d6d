import io
import json
import logging
import sys
from collections.abc import AsyncIterator

import asyncpg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from web_harness import opener_for, web_app, web_client

from tcm_common.web.json_logs import JsonFormatter
from tcm_common.web.limits import MAX_REQUEST_BODY_BYTES

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


@pytest.fixture
async def client(migrated_pool: asyncpg.Pool, database_url: str) -> AsyncIterator[AsyncTestClient[Litestar]]:  # noqa: ARG001 requested for its side effect
    async with web_client(web_app(opener_for(database_url))) as client:
        yield client


@pytest.fixture(autouse=True)
def _tracer_provider() -> None:
    # Spans exist (and carry trace ids) only under an SDK provider; services get theirs from telemetry.
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(TracerProvider())


async def test_each_request_logs_one_json_line_in_the_callers_trace(
    client: AsyncTestClient[Litestar],
) -> None:
    # Formatted when emitted, as in a service: the trace id is the one of the request's span.
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(JsonFormatter("web-test", "1.2.3"))
    access = logging.getLogger("tcm.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        response = await client.get(
            "/health",
            headers={
                "traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01",
                "user-agent": "probe/1.0",
                "x-forwarded-for": "6.6.6.6, 203.0.113.9",
            },
        )
    finally:
        access.removeHandler(handler)
    assert response.status_code == 200
    [line] = [json.loads(text) for text in output.getvalue().splitlines()]
    assert line["trace_id"] == TRACE_ID
    assert line["http"]["status"] == 200
    assert line["http"]["route"] == "/health"
    assert line["http"]["client"] == "203.0.113.9"
    assert line["http"]["user_agent"] == "probe/1.0"
    assert (line["service"], line["version"], line["level"]) == ("web-test", "1.2.3", "INFO")


def test_the_formatter_puts_extra_fields_and_exceptions_in_the_json() -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, "f.py", 1, "failed %s", ("job",), exc_info=sys.exc_info(), extra={"job_id": 7}
        )
    line = json.loads(JsonFormatter("svc", "1").format(record))
    assert line["message"] == "failed job"
    assert line["job_id"] == 7
    assert "RuntimeError: boom" in line["exception"]


async def test_a_body_over_the_limit_is_refused_with_413(client: AsyncTestClient[Litestar]) -> None:
    response = await client.post(
        "/echo",
        content=b"{" + b" " * MAX_REQUEST_BODY_BYTES + b"}",
        headers={"authorization": "Bearer tool", "content-type": "application/json"},
    )
    assert response.status_code == 413
