"""The summary table printed after a report."""

from __future__ import annotations

from tcm_contracts.generated.testsuite import v1

_RESULTS = (v1.RunResult.PASSED, v1.RunResult.FAILED, v1.RunResult.BLOCKED, v1.RunResult.SKIPPED, v1.RunResult.RETEST)
MAX_LISTED_KEYS = 20


def summary_table(summary: v1.ReportResultsResponse) -> str:
    run = summary.test_run or v1.TestRun()
    recorded = {count.result: count.count for count in summary.recorded}
    in_run = {count.result: count.count for count in run.counts}
    lines = [
        f"run {run.name!r} ({run.id}): {run.status.name}, {run.completion:.1f}% done, pass rate {run.pass_rate:.1f}%",
        "",
        f"{'result':<10}{'recorded now':>14}{'in the run':>12}",
    ]
    lines += [f"{result.name:<10}{recorded.get(result, 0):>14}{in_run.get(result, 0):>12}" for result in _RESULTS]
    lines += [
        f"{'UNTESTED':<10}{'':>14}{in_run.get(v1.RunResult.UNTESTED, 0):>12}",
        "",
        f"matched {summary.matched}, created {summary.created}, added to the run {summary.added}, "
        f"already recorded {summary.already_recorded}, unmatched {len(summary.unmatched_keys)}",
    ]
    if summary.unmatched_keys:
        lines.append("unmatched tests (no case has their key; --create-missing creates them):")
        lines += [f"  {key}" for key in summary.unmatched_keys[:MAX_LISTED_KEYS]]
        if len(summary.unmatched_keys) > MAX_LISTED_KEYS:
            lines.append(f"  ... and {len(summary.unmatched_keys) - MAX_LISTED_KEYS} more")
    return "\n".join(lines)
