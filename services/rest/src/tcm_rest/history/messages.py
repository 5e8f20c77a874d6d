"""What the history route answers."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from tcm_common.application.read_models import HistoryEntry
from tcm_common.domain.case_status import CaseStatus
from tcm_rest.users.messages import UserSummary
from tcm_rest.wire import NextCursor, Representation


class StatusChange(Representation):
    id: UUID
    case_id: UUID
    from_status: CaseStatus
    to_status: CaseStatus
    reason: str | None
    changed_by: UserSummary | None
    changed_at: datetime

    @classmethod
    def of(cls, entry: HistoryEntry) -> StatusChange:
        change = entry.change
        return cls(
            id=change.id,
            case_id=change.case_id,
            from_status=change.from_status,
            to_status=change.to_status,
            reason=change.reason,
            changed_by=UserSummary.of(entry.changed_by),
            changed_at=change.changed_at,
        )


class StatusChangePage(Representation):
    items: list[StatusChange]
    next_cursor: NextCursor
    total_count: int
