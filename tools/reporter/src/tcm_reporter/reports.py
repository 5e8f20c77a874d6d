"""The JUnit files as one report: parsed (all of them, before anything is sent) with the platform's own
parser, then turned into the messages of the ReportResults stream."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.run_result import RunResult
from tcm_common.reporting.junit import MAX_REPORT_BYTES, JUnitCase, parse_junit
from tcm_contracts.generated.testsuite import v1

BATCH_SIZE = 500
"""Results per stream message: a 10,000-case report is 20 messages."""


class ReportError(Exception):
    """A file is not a report the platform accepts; nothing was sent."""


@dataclass(frozen=True, slots=True)
class ParsedReports:
    """`report_id` identifies the set of files: sending the same files again records nothing twice."""

    report_id: str
    cases: list[JUnitCase]

    def count(self, result: RunResult) -> int:
        return sum(1 for case in self.cases if case.result is result)


def parse_files(files: Sequence[Path]) -> ParsedReports:
    cases: list[JUnitCase] = []
    ids: list[str] = []
    for path in files:
        if path.stat().st_size > MAX_REPORT_BYTES:
            raise ReportError(f"{path}: larger than {MAX_REPORT_BYTES} bytes")
        try:
            report = parse_junit(path.read_bytes())
        except ValidationFailed as refused:
            raise ReportError(f"{path}: {'; '.join(detail.message for detail in refused.details)}") from None
        ids.append(report.report_id)
        cases += report.cases
    if len(ids) == 1:
        return ParsedReports(ids[0], cases)
    digest = hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()
    return ParsedReports(f"sha256-set:{digest}", cases)


def stream_messages(
    target: v1.ReportTarget, cases: Sequence[JUnitCase], on_sent: Callable[[int], None]
) -> Iterator[v1.ReportResultsRequest]:
    """The target, then the results in batches; `on_sent` hears how many results went so far."""
    yield v1.ReportResultsRequest(target=target)
    for start in range(0, len(cases), BATCH_SIZE):
        batch = cases[start : start + BATCH_SIZE]
        yield v1.ReportResultsRequest(results=v1.ReportedResults(results=[_result(case) for case in batch]))
        on_sent(start + len(batch))


def _result(case: JUnitCase) -> v1.ReportedResult:
    return v1.ReportedResult(
        automation_key=case.key,
        result=v1.RunResult[case.result.name],
        title=case.name,
        comment=case.comment,
        duration_ms=case.duration_ms,
    )
