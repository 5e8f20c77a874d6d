"""Reads over REST: no transaction around them and a fixed number of SQL statements, whatever the size."""

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from rest_api import Api, expect

from tcm_common.testing.statement_spans import outline, record_spans, statements_under, transaction_boundaries


@pytest.fixture(scope="module")
def spans() -> InMemorySpanExporter:
    return record_spans()


async def _statements(
    spans: InMemorySpanExporter, api: Api, client: httpx.AsyncClient, path: str, route: str
) -> list[str]:
    spans.clear()
    expect(await client.get(path, headers=api.headers), 200)
    return statements_under(
        list(spans.get_finished_spans()), lambda span: span.kind is SpanKind.SERVER and span.name == route
    )


@pytest.mark.parametrize("cases", [1, 4])
async def test_a_suite_tree_is_four_statements_without_a_transaction(
    spans: InMemorySpanExporter, manager_api: Api, client: httpx.AsyncClient, cases: int
) -> None:
    suite = await manager_api.suite()
    for _ in range(2):
        group = await manager_api.group(suite["id"])
        for _ in range(cases):
            await manager_api.case(group["id"])
    path = f"/api/v1/test-suites/{suite['id']}?include=groups.cases"
    statements = await _statements(spans, manager_api, client, path, "GET /api/v1/test-suites/{suite_id}")
    assert transaction_boundaries(statements) == [], outline(statements)
    # The caller's session; the suite; its groups; their cases with their actual effort. Progress,
    # counts and delays are computed from the cases read.
    assert len(statements) == 4, outline(statements)


async def test_a_page_of_suites_is_three_statements_without_a_transaction(
    spans: InMemorySpanExporter, manager_api: Api, client: httpx.AsyncClient
) -> None:
    for _ in range(3):
        await manager_api.suite()
    path, route = "/api/v1/test-suites?limit=50", "GET /api/v1/test-suites"
    statements = await _statements(spans, manager_api, client, path, route)
    assert transaction_boundaries(statements) == [], outline(statements)
    # The caller's session; the page with its total; the suites' tallies.
    assert len(statements) == 3, outline(statements)
