"""ChangeTestCaseStatus: one transaction and a fixed number of SQL statements; the answer carries the
history entry the change wrote (with who made it) and the case after it, both from the use case."""

import pytest
from grpc_harness import TIMEOUT, Caller, new_case, new_group, new_suite
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from tcm_common.testing.statement_spans import outline, record_spans, statements_under, transaction_boundaries
from tcm_contracts.generated.testsuite import v1


@pytest.fixture(scope="module")
def spans() -> InMemorySpanExporter:
    return record_spans()


async def test_a_status_change_is_one_transaction_of_ten_statements(
    spans: InMemorySpanExporter, manager: Caller, tester: Caller
) -> None:
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)
    # A call of the tester's first: the token's use is then recorded whatever other tests did before,
    # so the change below never carries that UPDATE.
    await tester.clients.cases.get_test_case(v1.GetTestCaseRequest(id=case.id), timeout=TIMEOUT)
    spans.clear()

    response = await tester.clients.cases.change_test_case_status(
        v1.ChangeTestCaseStatusRequest(
            id=case.id, version=case.version, status=v1.TestCaseStatus.TESTING, reason="ready"
        ),
        timeout=TIMEOUT,
    )

    assert response.test_case is not None
    assert (response.test_case.status, response.test_case.version) == (v1.TestCaseStatus.TESTING, 2)
    change = response.status_change
    assert change is not None
    assert (change.from_status, change.to_status, change.reason) == (
        v1.TestCaseStatus.CREATED,
        v1.TestCaseStatus.TESTING,
        "ready",
    )
    assert (change.changed_by_user_id, change.changed_by_username) == (str(tester.user.id), tester.user.username)
    assert change.changed_at == response.test_case.updated_at
    statements = statements_under(
        list(spans.get_finished_spans()),
        lambda span: span.kind is SpanKind.SERVER and span.name.endswith("/ChangeTestCaseStatus"),
    )
    assert transaction_boundaries(statements) == ["BEGIN", "COMMIT"], outline(statements)
    # The caller's API token (its use was recorded by the call above: that UPDATE comes at most once a
    # minute), then in one transaction: BEGIN, the case, the group (for the event), its suite (locked:
    # a completed suite refuses the write), the case's update, the history entry, the case's actual
    # effort and delay, the change event (NOTIFY), COMMIT.
    assert len(statements) == 10, outline(statements)


async def test_history_names_who_made_each_change(manager: Caller, tester: Caller) -> None:
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)
    await tester.clients.cases.change_test_case_status(
        v1.ChangeTestCaseStatusRequest(id=case.id, version=case.version, status=v1.TestCaseStatus.TESTING),
        timeout=TIMEOUT,
    )

    history = await manager.clients.cases.list_test_case_history(
        v1.ListTestCaseHistoryRequest(case_id=case.id), timeout=TIMEOUT
    )

    assert [(entry.changed_by_user_id, entry.changed_by_username) for entry in history.status_changes] == [
        (str(tester.user.id), tester.user.username)
    ]
