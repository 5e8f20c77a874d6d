"""tcm-report junit --suite ID --run-name "CI #123" [options] FILE...   (README.md)

Exit codes: 0 reported and no test failed (or --no-fail), 1 reported and tests failed, 2 unusable
command or report (nothing sent), 3 the service refused the report or could not be reached.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

import grpc
import grpc.aio

from tcm_common.domain.run_result import RunResult
from tcm_common.rpc.channel import traced_clients
from tcm_contracts.generated.testsuite import v1
from tcm_reporter.config import ReporterConfig, UsageError, load_config
from tcm_reporter.reports import ParsedReports, ReportError, parse_files, stream_messages
from tcm_reporter.summary import summary_table

PASSED = 0
TESTS_FAILED = 1
UNUSABLE = 2
NOT_REPORTED = 3
PROGRESS_FROM = 2_000
"""Reports with more results than this show their progress on stderr."""
TIMEOUT_SECONDS = 300.0


async def report(config: ReporterConfig, parsed: ParsedReports, out: TextIO, err: TextIO) -> int:
    target = v1.ReportTarget(report_id=parsed.report_id, create_missing=config.create_missing)
    if config.run_id is not None:
        target.run_id = config.run_id
    else:
        target.new_run = v1.NewRunTarget(
            suite_id=config.suite_id or "",
            name=config.run_name or "",
            label=config.label,
            drives_workflow=config.drives_workflow,
        )
    total = len(parsed.cases)

    def on_sent(sent: int) -> None:
        if total > PROGRESS_FROM:
            print(f"sent {sent}/{total} results", file=err, flush=True)

    try:
        async with traced_clients(config.target, token=config.token, tls=config.tls) as clients:
            summary = await clients.runs.report_results(
                stream_messages(target, parsed.cases, on_sent), timeout=TIMEOUT_SECONDS
            )
    except grpc.aio.AioRpcError as error:
        print(f"tcm-report: the report was not recorded: {error.code().name}: {error.details()}", file=err)
        return NOT_REPORTED
    print(summary_table(summary), file=out)
    failed = parsed.count(RunResult.FAILED)
    if failed and config.fail_on_failures:
        print(f"tcm-report: {failed} test(s) failed", file=err)
        return TESTS_FAILED
    return PASSED


def main(argv: Sequence[str], environ: Mapping[str, str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    try:
        config = load_config(argv, environ)
        parsed = parse_files(config.files)
    except (UsageError, ReportError) as problem:
        print(f"tcm-report: {problem}; nothing was sent", file=err)
        return UNUSABLE
    print(f"tcm-report: {len(parsed.cases)} results in {len(config.files)} file(s)", file=err)
    return asyncio.run(report(config, parsed, out, err))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], os.environ))
