"""A case status change over REST: one transaction and a fixed number of SQL statements, the case view
of the answer read in the use case's own transaction."""

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from rest_actors import Actor
from rest_api import Api, expect, if_match

from tcm_common.domain.principal import Role
from tcm_common.testing.statement_spans import outline, record_spans, statements_under, transaction_boundaries


@pytest.fixture(scope="module")
def spans() -> InMemorySpanExporter:
    return record_spans()


async def test_a_status_change_is_one_transaction_of_ten_statements(
    spans: InMemorySpanExporter, manager_api: Api, client: httpx.AsyncClient, actors: dict[Role, Actor]
) -> None:
    case = await manager_api.case((await manager_api.group((await manager_api.suite())["id"]))["id"])
    tester = actors[Role.TESTER].bearer
    spans.clear()

    response = await client.post(
        f"/api/v1/test-cases/{case['id']}/status",
        json={"status": "TESTING", "reason": "ready"},
        headers={**tester, **if_match(case)},
    )

    changed = expect(response, 200)
    assert (changed["status"], changed["version"], changed["allowedTransitions"]) == (
        "TESTING",
        2,
        ["FIXING", "REVIEW_WAITING"],
    )
    statements = statements_under(
        list(spans.get_finished_spans()),
        lambda span: span.kind is SpanKind.SERVER and span.name == "POST /api/v1/test-cases/{case_id}/status",
    )
    assert transaction_boundaries(statements) == ["BEGIN", "COMMIT"], outline(statements)
    # The caller's session, then in one transaction: BEGIN, the case, its group, its suite (locked: a
    # closed suite refuses the write), the case's update, the history entry, the case's actual effort
    # and delay, the change event (NOTIFY), COMMIT.
    assert len(statements) == 10, outline(statements)
