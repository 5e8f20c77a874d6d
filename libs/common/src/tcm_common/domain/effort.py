"""EffortRecord: hours spent on a case on one day; immutable once recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from tcm_common.domain.validation import Checker

MAX_HOURS = Decimal(24)
COMMENT_MAX_LENGTH = 1000


@dataclass(frozen=True, slots=True)
class EffortFields:
    work_date: date
    hours: Decimal
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class EffortRecord:
    id: UUID
    case_id: UUID
    work_date: date
    hours: Decimal
    comment: str | None
    recorded_by: UUID
    created_at: datetime

    @classmethod
    def record(
        cls,
        record_id: UUID,
        case_id: UUID,
        fields: EffortFields,
        *,
        comment_required: bool,
        recorded_by: UUID,
        now: datetime,
        today: date,
    ) -> EffortRecord:
        """`today` is the organisation's date (docs/domain.md): work cannot be logged ahead of it."""
        check = Checker()
        hours = check.hours("hours", fields.hours, minimum_exclusive=True, maximum=MAX_HOURS)
        comment = check.optional_text("comment", fields.comment, COMMENT_MAX_LENGTH)
        if comment is None and comment_required:
            check.fail("comment", "is required by this test suite")
        if fields.work_date > today:
            check.fail("date", "must not be in the future")
        check.raise_if_failed()
        return cls(record_id, case_id, fields.work_date, hours, comment, recorded_by, now)
