"""Text with NUL is a field error in every protocol, never a database failure (PostgreSQL text can't hold it)."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from tcm_common.application.filters import SuiteFilter
from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.suite import SuiteFields, TestSuite

NOW = datetime(2026, 11, 10, 12, tzinfo=UTC)
DAY = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (SuiteFields("Release\x001", DAY, DAY), "name"),
        (SuiteFields("Release", DAY, DAY, description="notes\x00"), "description"),
    ],
)
def test_suite_text_with_nul_is_refused_by_field(fields: SuiteFields, field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        TestSuite.create(uuid4(), fields, NOW)
    assert [(detail.field, detail.message) for detail in caught.value.details] == [
        (field, "must not contain NUL characters")
    ]


def test_search_with_nul_is_refused() -> None:
    with pytest.raises(ValidationFailed) as caught:
        SuiteFilter(search="log\x00in")
    assert caught.value.details[0].field == "search"
