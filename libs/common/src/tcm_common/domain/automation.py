"""The automation key of a test case: the identity of an automated test, unique within its suite
(docs/domain-runs.md), e.g. `checkout.test_pay.TestCard.test_visa` from JUnit classname + "." + name."""

from __future__ import annotations

from tcm_common.domain.validation import Checker

AUTOMATION_KEY_MAX_LENGTH = 500


def automation_key_of(check: Checker, key: str | None, field: str = "automationKey") -> str | None:
    """The key trimmed; None (or blank) removes it."""
    return check.optional_text(field, key, AUTOMATION_KEY_MAX_LENGTH)
