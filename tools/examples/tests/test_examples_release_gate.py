"""The release gate against the gRPC service (in this process), with spans in memory: its verdicts, and one
trace from the gate's root span through the gRPC client and server spans to the SQL statements."""

from collections.abc import Sequence

import pytest
from examples_harness import TokenHolder
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from tcm_common.settings import Environment, TelemetrySettings
from tcm_common.settings.reader import Secret
from tcm_examples.release_gate.__main__ import FAILED, PASSED, UNUSABLE, run
from tcm_examples.release_gate.config import GateConfig

GET_TEST_SUITE = "/testsuite.v1.TestSuiteService/GetTestSuite"


def gate(target: str, token: str, suite_id: str, min_progress: float) -> GateConfig:
    return GateConfig(
        suite_id=suite_id,
        min_progress=min_progress,
        target=target,
        token=Secret(token),
        tls=False,
        environment=Environment.TEST,
        telemetry=TelemetrySettings(),
    )


def printed_trace_id(output: str) -> str:
    last = output.strip().splitlines()[-1]
    assert last.startswith("trace id: "), output
    return last.removeprefix("trace id: ")


def ancestors(span: ReadableSpan, spans: Sequence[ReadableSpan]) -> list[ReadableSpan]:
    by_id = {other.context.span_id: other for other in spans}
    found = []
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        found.append(span)
    return found


async def test_the_gate_fails_while_cases_are_open_and_lists_them(
    grpc_target: str, ci: TokenHolder, suite_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run(gate(grpc_target, ci.token, suite_id, 100)) == FAILED
    output = capsys.readouterr().out
    assert "is 0.0% done (required: 100.0%)" in output
    assert "not completed: checkout / pay by card: CREATED" in output
    assert "not completed: checkout / refund: CREATED" in output


async def test_the_gate_passes_at_the_required_progress(
    grpc_target: str, ci: TokenHolder, suite_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run(gate(grpc_target, ci.token, suite_id, 0)) == PASSED
    assert capsys.readouterr().out.startswith("PASSED: ")


async def test_a_refused_token_makes_the_gate_unusable_naming_the_status(
    grpc_target: str, suite_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run(gate(grpc_target, "tcm_not-a-token", suite_id, 0)) == UNUSABLE
    assert "ERROR: the gRPC service answered UNAUTHENTICATED" in capsys.readouterr().out


async def test_the_gate_the_grpc_call_and_its_sql_are_one_trace_parented_correctly(
    grpc_target: str, ci: TokenHolder, suite_id: str, spans: InMemorySpanExporter, capsys: pytest.CaptureFixture[str]
) -> None:
    await run(gate(grpc_target, ci.token, suite_id, 100))
    trace_id = int(printed_trace_id(capsys.readouterr().out), 16)
    finished = spans.get_finished_spans()
    in_trace = [span for span in finished if span.context.trace_id == trace_id]

    [root] = [span for span in in_trace if span.name == "release gate"]
    [client] = [span for span in in_trace if span.name == GET_TEST_SUITE and span.kind is SpanKind.CLIENT]
    [server] = [span for span in in_trace if span.name == GET_TEST_SUITE and span.kind is SpanKind.SERVER]
    statements = [span for span in in_trace if "db.statement" in (span.attributes or {})]
    assert root.parent is None
    assert client.parent is not None
    assert client.parent.span_id == root.context.span_id
    assert server.parent is not None
    assert server.parent.span_id == client.context.span_id
    # The API token's lookup and the suite tree's queries, all under the server span.
    assert len(statements) >= 2
    assert all(server in ancestors(statement, finished) for statement in statements)
    assert server.attributes is not None
    assert server.attributes["enduser.id"] == str(ci.user.id)
    assert server.attributes["enduser.role"] == "TESTER"
    # Nothing of the trace holds the token.
    for span in in_trace:
        assert ci.token not in str(span.attributes) + str([event.attributes for event in span.events])
