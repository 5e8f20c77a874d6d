"""What the effort routes accept and answer."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from uuid import UUID

import msgspec

from tcm_common.application.read_models import EffortEntry
from tcm_common.domain.effort import COMMENT_MAX_LENGTH, MAX_HOURS, EffortFields
from tcm_common.domain.input_values import exact_decimal
from tcm_rest.users.messages import UserSummary
from tcm_rest.wire import NextCursor, Representation, RequestBody, text


class EffortRecordCreate(RequestBody):
    date: Annotated[
        dt.date,
        msgspec.Meta(
            description="The day the work was done; not after today in the organisation's time zone "
            "(TCM_TIME_ZONE, e.g. Asia/Tokyo; UTC unless set)."
        ),
    ]
    hours: Annotated[float, msgspec.Meta(gt=0, le=float(MAX_HOURS), description="At most two decimals.")]
    comment: Annotated[
        Annotated[str, text(max_length=COMMENT_MAX_LENGTH)] | None,
        msgspec.Meta(description="Required when the suite has requireEffortComment."),
    ] = None

    def fields(self) -> EffortFields:
        return EffortFields(work_date=self.date, hours=exact_decimal(self.hours), comment=self.comment)


class EffortRecord(Representation):
    id: UUID
    case_id: UUID
    date: dt.date
    hours: float
    comment: str | None
    recorded_by: UserSummary | None
    created_at: dt.datetime

    @classmethod
    def of(cls, entry: EffortEntry) -> EffortRecord:
        record = entry.record
        return cls(
            id=record.id,
            case_id=record.case_id,
            date=record.work_date,
            hours=float(record.hours),
            comment=record.comment,
            recorded_by=UserSummary.of(entry.recorded_by),
            created_at=record.created_at,
        )


class EffortRecordPage(Representation):
    items: list[EffortRecord]
    next_cursor: NextCursor
    total_count: int
