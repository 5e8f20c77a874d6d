"""The quick profile of the side-by-side benchmark (bench/README.md), so that it can't rot: every figure
and ratio is printed and every contender answered the same. Never a timing."""

from __future__ import annotations

import re

import pytest

from tcm_bench.sidebyside.contenders import REQUESTS, Role
from tcm_bench.sidebyside.figures import SideBySideReport
from tcm_bench.sidebyside.profile import QUICK
from tcm_bench.sidebyside.report import render
from tcm_bench.sidebyside.run import run_side_by_side

NUMBER = r"[\d,]+(?:\.\d+)?"
SPAN = rf"{NUMBER}(?:-{NUMBER})?"


@pytest.fixture(scope="module")
async def report() -> SideBySideReport:
    return await run_side_by_side(QUICK, install_wrk=False)


def test_every_throughput_and_ratio_is_printed(report: SideBySideReport) -> None:
    document = render(report)
    for request in REQUESTS:
        for concurrency in QUICK.concurrencies:
            label = re.escape(f"{request.label(QUICK)}, c={concurrency}")
            row = rf"^\| {label} \| {SPAN} \| {SPAN} \| {SPAN} \| {SPAN} \| {SPAN} \|$"
            assert re.search(row, document, re.MULTILINE), f"no complete row for {label}"


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
        for role in Role:
            assert (request.kind, request.contender(role).key) in report.round_trips
    document = render(report)
    assert "n/a" not in document


def test_every_contender_gives_the_same_answers(report: SideBySideReport) -> None:
    assert len(report.checks) == sum(len(request.contenders) for request in REQUESTS)
    assert [check for check in report.checks if not check.same] == []


def test_the_machine_load_is_stated_before_and_after(report: SideBySideReport) -> None:
    assert "Load average (1 / 5 / 15 min) before:" in render(report)
    assert report.machine.load_average_after != (0.0, 0.0, 0.0)
