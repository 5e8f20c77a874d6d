"""One server span per request, named by the route template (ids never become span names)."""

from collections.abc import Iterator

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from rest_actors import Actor
from rest_api import Api, problem

from tcm_common.domain.principal import Role


@pytest.fixture(scope="module")
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    # The process-wide provider can be set once; this module is the only one that sets it.
    trace.set_tracer_provider(provider)
    yield exporter
    provider.shutdown()


async def test_each_request_is_a_server_span_named_by_its_route_template(
    spans: InMemorySpanExporter, manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    suite = await manager_api.suite()
    spans.clear()

    await client.get(f"/api/v1/test-suites/{suite['id']}", headers=actors[Role.TESTER].bearer)
    missing = await client.get(f"/api/v1/test-cases/{suite['id']}", headers=actors[Role.TESTER].bearer)

    servers = [span for span in spans.get_finished_spans() if span.kind is SpanKind.SERVER]
    assert [span.name for span in servers] == [
        "GET /api/v1/test-suites/{suite_id}",
        "GET /api/v1/test-cases/{case_id}",
    ]
    assert servers[1].attributes is not None
    assert servers[1].attributes["http.response.status_code"] == 404
    trace_id = format(servers[1].context.trace_id, "032x") if servers[1].context else None
    assert problem(missing, 404, "NOT_FOUND")["traceId"] == trace_id
