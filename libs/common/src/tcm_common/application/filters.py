"""The filters of lists: suites (status, text search in name/description, a date window) and a suite's
test runs (status)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.run_status import RunStatus
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.domain.validation import NUL, NUL_MESSAGE

SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True, slots=True)
class SuiteFilter:
    """`start_from`: estimated start on or after; `end_to`: estimated end on or before."""

    status: SuiteStatus | None = None
    search: str | None = None
    start_from: date | None = None
    end_to: date | None = None

    def __post_init__(self) -> None:
        if self.search is not None and len(self.search) > SEARCH_MAX_LENGTH:
            raise ValidationFailed.single("search", f"must be at most {SEARCH_MAX_LENGTH} characters")
        if self.search is not None and NUL in self.search:
            raise ValidationFailed.single("search", NUL_MESSAGE)

    @property
    def search_text(self) -> str | None:
        text = (self.search or "").strip()
        return text or None


@dataclass(frozen=True, slots=True)
class RunFilter:
    """A suite's test runs of one status, or of any (None)."""

    status: RunStatus | None = None
