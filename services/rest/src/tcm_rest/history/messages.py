"""What the history route answers."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.status_change import StatusChange as Change
from tcm_common.domain.user import User as Account
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
    def of(cls, change: Change, changed_by: Account | None) -> StatusChange:
        return cls(
            id=change.id,
            case_id=change.case_id,
            from_status=change.from_status,
            to_status=change.to_status,
            reason=change.reason,
            changed_by=UserSummary.of(changed_by),
            changed_at=change.changed_at,
        )


class StatusChangePage(Representation):
    items: list[StatusChange]
    next_cursor: NextCursor
    total_count: int
