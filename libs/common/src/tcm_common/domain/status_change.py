"""StatusChange: one applied step of a case's workflow (the case's history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tcm_common.domain.case_status import CaseStatus

REASON_MAX_LENGTH = 1000


@dataclass(frozen=True, slots=True)
class StatusChange:
    id: UUID
    case_id: UUID
    from_status: CaseStatus
    to_status: CaseStatus
    reason: str | None
    changed_by: UUID
    changed_at: datetime
