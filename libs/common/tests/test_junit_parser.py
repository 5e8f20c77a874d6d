"""JUnit XML of the shapes real tools write (junit_fixtures/), and what the parser refuses."""

import hashlib
from pathlib import Path

import pytest

from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.run_result import RunResult
from tcm_common.reporting.junit import COMMENT_MAX_CHARS, COMMENT_MAX_LINES, parse_junit

FIXTURES = Path(__file__).parent / "junit_fixtures"
P, F, S = RunResult.PASSED, RunResult.FAILED, RunResult.SKIPPED


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "passed", "failed", "skipped"),
    [
        ("pytest.xml", 3, 2, 1),  # the setup error counts as FAILED
        ("surefire.xml", 3, 1, 1),  # a flakyFailure that passed on rerun is PASSED
        ("jest-junit.xml", 3, 1, 1),
        ("go-junit-report.xml", 3, 1, 1),
    ],
)
def test_reports_of_real_tools(name: str, passed: int, failed: int, skipped: int) -> None:
    data = fixture(name)
    report = parse_junit(data)
    assert (report.count(P), report.count(F), report.count(S)) == (passed, failed, skipped)
    assert len(report.cases) == passed + failed + skipped
    assert report.report_id == "sha256:" + hashlib.sha256(data).hexdigest()


def test_pytest_keys_comments_and_durations() -> None:
    cases = {case.key: case for case in parse_junit(fixture("pytest.xml")).cases}
    visa = cases["tests.test_checkout.TestCard.test_visa"]
    assert (visa.result, visa.duration_ms, visa.comment, visa.name) == (P, 11, None, "test_visa")
    amex = cases["tests.test_checkout.TestCard.test_amex"]
    assert amex.comment is not None
    assert amex.comment.startswith("AssertionError: assert 402 == 200\n +  where 402")
    assert "def test_amex(self):" in amex.comment
    skipped = cases["tests.test_checkout.test_refund[eur]"]
    assert skipped.comment is not None
    assert "sandbox refunds are down" in skipped.comment
    assert cases["tests.test_checkout.test_receipt"].result is F


def test_surefire_comment_is_bounded_to_its_first_lines() -> None:
    cases = {case.key: case for case in parse_junit(fixture("surefire.xml")).cases}
    failed = cases["com.example.shop.CheckoutTest.refusesExpiredCard"]
    assert failed.comment is not None
    lines = failed.comment.splitlines()
    assert lines[0] == "expected: <402> but was: <200>"
    assert len(lines) == 1 + COMMENT_MAX_LINES + 1
    assert lines[-1] == "…"
    # Thousands separators of some Surefire versions.
    assert cases["com.example.shop.CheckoutTest.retriesOnTimeout"].duration_ms == 1_203_400


def test_jest_and_go_keys() -> None:
    jest = [case.key for case in parse_junit(fixture("jest-junit.xml")).cases]
    assert jest[0] == "Cart adds an item.Cart adds an item"
    go = {case.key: case for case in parse_junit(fixture("go-junit-report.xml")).cases}
    assert go["example.com/shop/cart.TestRemove"].comment == "Failed\ncart_test.go:21: got 1 item, want 0"
    assert go["example.com/shop/pay.TestVisa/declined"].result is P


def test_results_for_the_use_case() -> None:
    report = parse_junit(fixture("go-junit-report.xml")).to_report(create_missing=True)
    assert report.create_missing
    assert report.report_id.startswith("sha256:")
    first = report.results[0]
    assert (first.automation_key, first.title, first.result, first.duration_ms) == (
        "example.com/shop/cart.TestAdd",
        "TestAdd",
        P,
        1,
    )


def test_long_failure_text_is_cut() -> None:
    text = "x" * (COMMENT_MAX_CHARS * 2)
    data = f'<testsuite name="s"><testcase name="t"><failure message="{text}"/></testcase></testsuite>'.encode()
    [case] = parse_junit(data).cases
    assert case.comment is not None
    assert len(case.comment) == COMMENT_MAX_CHARS
    assert case.comment.endswith("…")
    assert case.key == "t"  # no classname: the name alone


def refusal(data: bytes, **limits: int) -> str:
    with pytest.raises(ValidationFailed) as caught:
        parse_junit(data, **limits)
    [detail] = caught.value.details
    assert detail.field == "report"
    assert "nothing was recorded" in detail.message
    return detail.message


def test_a_dtd_is_refused() -> None:
    assert "DTD" in refusal(fixture("with-dtd.xml"))


def test_entity_expansion_is_refused() -> None:
    message = refusal(fixture("entity-expansion.xml"))
    assert "DTD" in message or "entities" in message


@pytest.mark.parametrize("name", ["pytest.xml", "surefire.xml", "jest-junit.xml", "go-junit-report.xml"])
def test_a_truncated_file_is_refused(name: str) -> None:
    data = fixture(name)
    assert "malformed XML" in refusal(data[: len(data) * 2 // 3])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "malformed XML"),
        (b"<html><body/></html>", "root element is <html>"),
        (b'<testsuite><testcase classname="a"/></testsuite>', "testcase 1 has no name"),
        (b'<testsuite><testcase name="a" time="soon"/></testsuite>', "not a number of seconds"),
        (b'<testsuite><testcase name="a" time="-1"/></testsuite>', "not a number of seconds"),
        (b'<testsuite><testcase name="a" time="nan"/></testsuite>', "not a number of seconds"),
        (('<testsuite><testcase name="' + "k" * 501 + '"/></testsuite>').encode(), "longer than 500"),
    ],
)
def test_what_is_not_a_report_is_refused(data: bytes, expected: str) -> None:
    assert expected in refusal(data)


def test_size_and_depth_are_bounded() -> None:
    data = fixture("pytest.xml")
    assert "larger than" in refusal(data, max_bytes=len(data) - 1)
    deep = b"<testsuites>" + b"<testsuite>" * 20 + b"</testsuite>" * 20 + b"</testsuites>"
    assert "nest deeper" in refusal(deep)
    assert parse_junit(b"<testsuites><testsuite/></testsuites>").cases == []
