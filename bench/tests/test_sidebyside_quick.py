"""The quick profile of the side-by-side benchmark (bench/README.md), so that it can't rot: every figure
and ratio is printed (GraphQL against REST, the tracing cost and the big-data run among them) and every
contender answered the same. Never a timing."""

from __future__ import annotations

import re

import pytest

from tcm_bench.sidebyside.big_data import FACTOR, BigRequest
from tcm_bench.sidebyside.contenders import REQUESTS, TRACED_REQUESTS, Role
from tcm_bench.sidebyside.figures import SideBySideReport
from tcm_bench.sidebyside.profile import QUICK
from tcm_bench.sidebyside.report import NOTES_MARKER, PEER_REQUESTS, render, target_checks, with_kept_notes
from tcm_bench.sidebyside.run import run_side_by_side

NUMBER = r"[\d,]+(?:\.\d+)?"
SPAN = rf"{NUMBER}(?:-{NUMBER})?"
EACH = rf"{NUMBER}(?:, {NUMBER})*"
PERCENT = r"-?\d+(?: to -?\d+)? %"


@pytest.fixture(scope="module")
async def report() -> SideBySideReport:
    return await run_side_by_side(QUICK, install_wrk=False, big_data=True)


def _has_row(document: str, label: str, *cells: str) -> bool:
    return re.search(rf"^\| {re.escape(label)} \| " + r" \| ".join(cells) + r" \|$", document, re.MULTILINE) is not None


def test_every_throughput_and_ratio_is_printed(report: SideBySideReport) -> None:
    document = render(report)
    for request in PEER_REQUESTS:
        for concurrency in QUICK.concurrencies:
            label = f"{request.label(QUICK)}, c={concurrency}"
            assert _has_row(document, label, *[SPAN] * 5), f"no complete row for {label}"


def test_graphql_and_rest_p50_and_their_ratio_are_printed(report: SideBySideReport) -> None:
    document = render(report)
    for concurrency in QUICK.concurrencies:
        label = f"c={concurrency}"
        assert _has_row(document, label, EACH, EACH, SPAN, SPAN, SPAN), f"no GraphQL row at {label}"


def test_the_tracing_cost_is_printed_and_spans_were_exported(report: SideBySideReport) -> None:
    document = render(report)
    for request in TRACED_REQUESTS:
        for concurrency in QUICK.concurrencies:
            label = f"{request.label(QUICK)}, c={concurrency}"
            assert _has_row(document, label, SPAN, SPAN, SPAN, PERCENT, SPAN), f"no tracing row for {label}"
    # Ours exported their sampled spans to the collector stand-in (5 % of a few thousand requests).
    assert sum(report.exported_spans.values()) > 0
    assert re.search(r"Spans received: \d+ from ", document)


def test_the_big_data_figures_are_printed_with_the_same_answers(report: SideBySideReport) -> None:
    big = report.big_data
    assert big is not None
    assert big.data[FACTOR]["cases"] == FACTOR * big.data[1]["cases"]
    document = render(report)
    for figures in big.figures:
        assert figures.same_answer, figures.answers
        assert all(each.completed > 0 and each.errors == 0 for passes in figures.passes.values() for each in passes)
        label = figures.request.label(QUICK)
        assert _has_row(document, label, EACH, EACH, SPAN, rf"{NUMBER} / {NUMBER}", "same"), f"no big-data row: {label}"
    assert {figures.request for figures in big.figures} == set(BigRequest)


def test_every_target_has_a_verdict(report: SideBySideReport) -> None:
    checks = target_checks(report)
    assert [check.target for check in checks if check.met is None] == []
    document = render(report)
    for check in checks:
        assert f"| {check.target} | {check.measured} |" in document


def test_every_pass_of_every_contender_is_measured_without_errors(report: SideBySideReport) -> None:
    expected = {
        (request.kind, contender.key, concurrency)
        for request in REQUESTS
        for contender in request.contenders
        for concurrency in QUICK.concurrencies
    }
    assert {(load.request.kind, load.contender_key, load.concurrency) for load in report.loads} == expected
    for load in report.loads:
        assert len(load.passes) == QUICK.passes
        assert all(each.completed > 0 and each.errors == 0 for each in load.passes), load


def test_round_trips_are_counted_for_every_contender(report: SideBySideReport) -> None:
    for request in REQUESTS:
        for contender in request.contenders:
            if contender.role is not Role.TRACING_OFF:
                assert (request.kind, contender.key) in report.round_trips
    document = render(report)
    assert "n/a" not in document


def test_every_contender_gives_the_same_answers(report: SideBySideReport) -> None:
    assert len(report.checks) == sum(len(request.contenders) for request in REQUESTS)
    assert [check for check in report.checks if not check.same] == []


def test_the_machine_load_is_stated_before_and_after(report: SideBySideReport) -> None:
    assert "Load average (1 / 5 / 15 min) before:" in render(report)
    assert report.machine.load_average_after != (0.0, 0.0, 0.0)


def test_a_written_file_keeps_its_notes_below_the_marker() -> None:
    previous = f"# old figures\n\n{NOTES_MARKER}\n\n## What was tried\n- this\n"
    expected = f"# new figures\n\n{NOTES_MARKER}\n\n## What was tried\n- this\n"
    assert with_kept_notes("# new figures\n", previous) == expected
    assert with_kept_notes("# new figures\n", "# no notes\n") == "# new figures\n"
    assert with_kept_notes("# new figures\n", None) == "# new figures\n"
