"""The short reliability run of CI: the same checks as the full run (docs/reliability.md), with few
operations. Bounded by the number of operations, never by the clock."""


import pytest

# Run below as modules in their own processes; imported so that their dependencies are known.
import tcm_graphql.__main__  # noqa: F401
import tcm_grpc.__main__  # noqa: F401
import tcm_rest.__main__  # noqa: F401
from tcm_bench.reliability.document import render_document
from tcm_bench.reliability.run import QUICK, RunReport, run_reliability


@pytest.fixture(scope="module")
async def report() -> RunReport:
    return await run_reliability(QUICK)


async def test_the_mixed_load_has_no_unexpected_error_and_loses_no_acknowledged_write(report: RunReport) -> None:
    load = report.load
    assert load.failure_examples == []
    assert load.total_failures == 0
    assert {kind.split()[0] for kind in load.operations} == {"REST", "GraphQL", "gRPC"}
    assert {kind.split()[1] for kind in load.operations} == {"read", "write"}
    assert load.total_operations == QUICK.clients * (QUICK.budget.operations_per_client or 0)
    assert load.acknowledged_writes > 0
    assert len(load.acknowledged) == QUICK.clients
    assert report.load_verification.cases_checked == QUICK.clients
    assert report.load_verification.lost == []


@pytest.mark.parametrize("service", ["graphql", "rest", "grpc"])
async def test_sigterm_under_load_fails_readiness_first_and_fails_no_request(report: RunReport, service: str) -> None:
    [stop] = [stop for stop in report.stops if stop.figures.service == service]
    figures = stop.figures
    assert figures.writes_before_stop >= QUICK.writes_before_stop
    assert figures.failed_requests == 0, figures.load.failure_examples
    assert figures.load.total_operations > 0
    assert figures.readiness_failed_after_seconds is not None
    assert figures.exit_code == 0
    assert figures.exit_after_seconds is not None
    # Readiness failed while the process was still up (it drains for 3 s first).
    assert figures.readiness_failed_after_seconds < figures.exit_after_seconds
    assert figures.port_refused_after_exit
    expected_end = {"graphql": "WebSocket close 1012", "grpc": "gRPC status UNAVAILABLE", "rest": "no stream"}[service]
    assert figures.stream_end.startswith(expected_end), figures.stream_end
    assert stop.verification.lost == []
    assert stop.problems() == []


def test_the_document_states_every_figure_and_the_verdict(report: RunReport) -> None:
    document = render_document(report)
    assert "Last quick run" in document
    for stop in report.stops:
        assert f"| {stop.figures.service} |" in document
    assert "Every check held." in document
