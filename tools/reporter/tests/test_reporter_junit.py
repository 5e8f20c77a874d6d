"""tcm-report as a process against the gRPC service: results land, the summary and the exit code are
right, a re-send records nothing twice, unusable input sends nothing."""

from pathlib import Path

import grpc.aio
from reporter_harness import TIMEOUT, TokenHolder, new_suite, run_reporter

from tcm_contracts.client import Clients
from tcm_contracts.generated.testsuite import v1

PYTEST_REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" errors="0" failures="1" skipped="1" tests="4" time="0.5">
<testcase classname="tests.test_pay" name="test_visa" time="0.010"/>
<testcase classname="tests.test_pay" name="test_amex" time="0.020"/>
<testcase classname="tests.test_pay" name="test_refund" time="0.030">
  <failure message="AssertionError: 3 != 4">def test_refund():
&gt;       assert 3 == 4
E       AssertionError</failure>
</testcase>
<testcase classname="tests.test_pay" name="test_slow" time="0"><skipped message="slow"/></testcase>
</testsuite></testsuites>
"""

GREEN_REPORT = """<testsuite name="go" tests="2">
<testcase classname="svc/api" name="TestHealth" time="0.001"/>
<testcase classname="svc/api" name="TestLogin" time="0.002"/>
</testsuite>
"""


def environment(target: str, holder: TokenHolder) -> dict[str, str]:
    return {"TCM_GRPC_TARGET": f"grpc://{target}", "TCM_API_TOKEN": holder.token}


async def run_entries(target: str, holder: TokenHolder, run_id: str) -> dict[str, v1.RunResult]:
    async with grpc.aio.insecure_channel(target) as channel:
        clients = Clients.over(channel, token=holder.token)
        got = await clients.runs.get_test_run(v1.GetTestRunRequest(id=run_id, include_entries=True), timeout=TIMEOUT)
    return {entry.title: entry.result for entry in got.entries}


async def test_a_report_creates_the_run_and_fails_on_failed_tests(
    grpc_target: str, manager: TokenHolder, tmp_path: Path
) -> None:
    async with grpc.aio.insecure_channel(grpc_target) as channel:
        suite_id = await new_suite(Clients.over(channel, token=manager.token))
    report = tmp_path / "junit.xml"
    report.write_text(PYTEST_REPORT)
    args = ["junit", "--suite", suite_id, "--run-name", "CI #123", "--label", "main", "--create-missing", str(report)]

    first = await run_reporter(args, environment(grpc_target, manager))
    second = await run_reporter(
        ["junit", "--no-fail", "--run", run_id_of(first.out), str(report)], environment(grpc_target, manager)
    )

    assert first.exit_code == 1, first.err
    assert "1 test(s) failed" in first.err
    assert "'CI #123'" in first.out
    assert table_row(first.out, "PASSED") == ["2", "2"]
    assert table_row(first.out, "FAILED") == ["1", "1"]
    assert table_row(first.out, "SKIPPED") == ["1", "1"]
    assert "created 4" in first.out
    assert second.exit_code == 0, second.err
    assert table_row(second.out, "PASSED") == ["0", "2"]
    assert "already recorded 4" in second.out
    entries = await run_entries(grpc_target, manager, run_id_of(first.out))
    assert entries == {
        "test_visa": v1.RunResult.PASSED,
        "test_amex": v1.RunResult.PASSED,
        "test_refund": v1.RunResult.FAILED,
        "test_slow": v1.RunResult.SKIPPED,
    }


async def test_a_green_report_exits_zero_and_lists_unknown_tests(
    grpc_target: str, manager: TokenHolder, tmp_path: Path
) -> None:
    async with grpc.aio.insecure_channel(grpc_target) as channel:
        suite_id = await new_suite(Clients.over(channel, token=manager.token))
    report = tmp_path / "go.xml"
    report.write_text(GREEN_REPORT)

    finished = await run_reporter(
        ["junit", "--suite", suite_id, "--run-name", "nightly", str(report)], environment(grpc_target, manager)
    )

    assert finished.exit_code == 0, finished.err
    assert "unmatched 2" in finished.out
    assert "svc/api.TestHealth" in finished.out


async def test_a_broken_report_sends_nothing(grpc_target: str, manager: TokenHolder, tmp_path: Path) -> None:
    async with grpc.aio.insecure_channel(grpc_target) as channel:
        clients = Clients.over(channel, token=manager.token)
        suite_id = await new_suite(clients)
        good, truncated = tmp_path / "good.xml", tmp_path / "truncated.xml"
        good.write_text(GREEN_REPORT)
        truncated.write_text(PYTEST_REPORT[:200])

        finished = await run_reporter(
            ["junit", "--suite", suite_id, "--run-name", "broken", str(good), str(truncated)],
            environment(grpc_target, manager),
        )
        runs = await clients.runs.list_test_runs(v1.ListTestRunsRequest(suite_id=suite_id), timeout=TIMEOUT)

    assert finished.exit_code == 2
    assert "truncated.xml" in finished.err
    assert "nothing was sent" in finished.err
    assert runs.test_runs == []


async def test_missing_settings_are_named(tmp_path: Path) -> None:
    report = tmp_path / "r.xml"
    report.write_text(GREEN_REPORT)

    finished = await run_reporter(["junit", "--suite", "s", "--run-name", "n", str(report)], {})

    assert finished.exit_code == 2
    assert "TCM_GRPC_TARGET" in finished.err
    assert "TCM_API_TOKEN" in finished.err


def run_id_of(out: str) -> str:
    first_line = out.splitlines()[0]
    return first_line.split("(", 1)[1].split(")", 1)[0]


def table_row(out: str, result: str) -> list[str]:
    for line in out.splitlines():
        if line.startswith(result):
            return line.split()[1:]
    raise AssertionError(f"no {result} row in:\n{out}")
