"""JUnit XML, the report format of pytest, Maven Surefire, Jest (jest-junit) and go-junit-report.

    report = parse_junit(data)                  # refuses the whole file on any error (ValidationFailed)
    outcome = await platform.run_reports.report(principal, run_id, report.to_report(create_missing=True))

Reports are untrusted input: defusedxml refuses DTDs, entity declarations and external references (no
entity expansion, no network), the size is bounded before parsing and the nesting depth while parsing.
`<testcase>`: `<failure>` or `<error>` -> FAILED (message and the first lines of the text as comment),
`<skipped>` -> SKIPPED, otherwise PASSED; `time` (seconds) -> duration in ms; key = classname + "." +
name (the name alone without classname). The report's identity is the SHA-256 of its bytes, so sending
the same file again records nothing twice.
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from tcm_common.application.run_reports import ReportedResult, ResultReport
from tcm_common.domain.automation import AUTOMATION_KEY_MAX_LENGTH
from tcm_common.domain.case import TITLE_MAX_LENGTH
from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.run_result import RunResult

MAX_REPORT_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 16
COMMENT_MAX_LINES = 10
COMMENT_MAX_CHARS = 2000
_FIELD = "report"
_ROOTS = ("testsuites", "testsuite")
_FAILED = ("failure", "error")


@dataclass(frozen=True, slots=True)
class JUnitCase:
    key: str
    name: str
    result: RunResult
    comment: str | None
    duration_ms: int | None


@dataclass(frozen=True, slots=True)
class JUnitReport:
    """`report_id` is "sha256:" and the hex digest of the file."""

    report_id: str
    cases: list[JUnitCase]

    def count(self, result: RunResult) -> int:
        return sum(1 for case in self.cases if case.result is result)

    def results(self) -> list[ReportedResult]:
        return [
            ReportedResult(
                case.result,
                automation_key=case.key,
                title=case.name[:TITLE_MAX_LENGTH],
                comment=case.comment,
                duration_ms=case.duration_ms,
            )
            for case in self.cases
        ]

    def to_report(self, *, create_missing: bool = False) -> ResultReport:
        return ResultReport(self.report_id, self.results(), create_missing=create_missing)


def _refused(reason: str) -> ValidationFailed:
    return ValidationFailed.single(_FIELD, f"is not a JUnit XML report we accept: {reason}; nothing was recorded")


def parse_junit(data: bytes, *, max_bytes: int = MAX_REPORT_BYTES, max_depth: int = MAX_DEPTH) -> JUnitReport:
    if len(data) > max_bytes:
        raise _refused(f"it is larger than {max_bytes} bytes")
    cases: list[JUnitCase] = []
    depth = 0
    try:
        for event, element in iterparse(
            io.BytesIO(data), events=("start", "end"), forbid_dtd=True, forbid_entities=True, forbid_external=True
        ):
            if event == "start":
                depth += 1
                if depth > max_depth:
                    raise _refused(f"elements nest deeper than {max_depth} levels")
                if depth == 1 and element.tag not in _ROOTS:
                    raise _refused(f"the root element is <{element.tag}>, not <testsuites> or <testsuite>")
                continue
            depth -= 1
            if element.tag == "testcase":
                cases.append(_case_of(element, len(cases) + 1))
                element.clear()  # its content is no longer needed; keeps memory flat on long reports
    except DefusedXmlException as error:
        raise _refused(_forbidden(error)) from error
    except ParseError as error:
        raise _refused(f"malformed XML ({error})") from error
    return JUnitReport("sha256:" + hashlib.sha256(data).hexdigest(), cases)


def _forbidden(error: DefusedXmlException) -> str:
    name = type(error).__name__
    if name == "DTDForbidden":
        return "it has a DTD (document type declarations are refused)"
    if name == "EntitiesForbidden":
        return "it declares entities (entity expansion is refused)"
    return "it refers to external resources"


def _case_of(element: Element, number: int) -> JUnitCase:
    name = (element.get("name") or "").strip()
    if not name:
        raise _refused(f"testcase {number} has no name")
    classname = (element.get("classname") or "").strip()
    key = f"{classname}.{name}" if classname else name
    if len(key) > AUTOMATION_KEY_MAX_LENGTH:
        raise _refused(f"testcase {number}: classname.name is longer than {AUTOMATION_KEY_MAX_LENGTH} characters")
    result, comment = RunResult.PASSED, None
    for child in element:
        if child.tag in _FAILED:
            result, comment = RunResult.FAILED, _comment(child)
            break
        if child.tag == "skipped":
            result, comment = RunResult.SKIPPED, _comment(child)
    return JUnitCase(key, name, result, comment, _duration_ms(element.get("time"), number))


def _comment(child: Element) -> str | None:
    """The message (or type) and the first lines of the text, bounded."""
    header = (child.get("message") or child.get("type") or "").strip()
    lines = [line.rstrip() for line in (child.text or "").strip().splitlines()]
    body = "\n".join(lines[:COMMENT_MAX_LINES])
    if len(lines) > COMMENT_MAX_LINES:
        body += "\n…"
    if header and body.startswith(header):
        header = ""  # many tools repeat the message as the first line of the text
    text = "\n".join(part for part in (header, body) if part)
    if len(text) > COMMENT_MAX_CHARS:
        text = text[: COMMENT_MAX_CHARS - 1] + "…"
    return text or None


def _duration_ms(value: str | None, number: int) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        # Some Surefire versions write thousands separators ("1,234.5").
        seconds = float(value.replace(",", ""))
    except ValueError:
        raise _refused(f"testcase {number} has time {value[:20]!r}, not a number of seconds") from None
    if not math.isfinite(seconds) or seconds < 0:
        raise _refused(f"testcase {number} has time {value[:20]!r}, not a number of seconds")
    return round(seconds * 1000)
