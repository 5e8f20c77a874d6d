"""Append-only records of a case: status changes and effort records."""

from __future__ import annotations

from uuid import UUID

from tcm_common.application.list_orders import EFFORTS_NEWEST_FIRST, EFFORTS_OLDEST_FIRST, HISTORY_OLDEST_FIRST
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.status_change import StatusChange
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.keyset import KeysetList, read_page
from tcm_common.persistence.rows import EFFORT_COLUMNS, STATUS_CHANGE_COLUMNS, effort_from, status_change_from
from tcm_common.persistence.writes import parent_must_exist

# A case's status changes, oldest first (status_changes_case_id_changed_at_idx).
_HISTORY = KeysetList(
    HISTORY_OLDEST_FIRST,
    columns=STATUS_CHANGE_COLUMNS,
    source="status_changes h",
    scope="h.case_id = $1",
    order=("h.changed_at", "h.id"),
)
# A case's effort records by work date, then by recording (effort_records_case_id_work_date_idx, read
# forwards or backwards).
_EFFORT_KEY = ("e.work_date", "e.created_at", "e.id")
_EFFORTS_OLDEST_FIRST = KeysetList(
    EFFORTS_OLDEST_FIRST,
    columns=EFFORT_COLUMNS,
    source="effort_records e",
    scope="e.case_id = $1",
    order=_EFFORT_KEY,
)
_EFFORTS_NEWEST_FIRST = KeysetList(
    EFFORTS_NEWEST_FIRST,
    columns=EFFORT_COLUMNS,
    source="effort_records e",
    scope="e.case_id = $1",
    order=_EFFORT_KEY,
    descending=True,
)
_INSERT_STATUS_CHANGE = """
INSERT INTO status_changes (id, case_id, from_status, to_status, reason, changed_by, changed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""
_INSERT_EFFORT = """
INSERT INTO effort_records (id, case_id, work_date, hours, comment, recorded_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""


class PostgresStatusChangeRepository:
    def __init__(self, connection: DbConnection) -> None:
        self._connection = connection

    async def add(self, change: StatusChange) -> None:
        async with parent_must_exist("status_changes_case_id_fkey", "test case", change.case_id):
            await self._connection.execute(
                _INSERT_STATUS_CHANGE,
                change.id,
                change.case_id,
                change.from_status.value,
                change.to_status.value,
                change.reason,
                change.changed_by,
                change.changed_at,
            )

    async def page_for_case(self, case_id: UUID, request: PageRequest) -> Page[StatusChange]:
        return await read_page(
            self._connection,
            _HISTORY,
            scope_arguments=[case_id],
            scope_key=str(case_id),
            request=request,
            item_from=status_change_from,
        )


class PostgresEffortRepository:
    def __init__(self, connection: DbConnection) -> None:
        self._connection = connection

    async def add(self, record: EffortRecord) -> None:
        async with parent_must_exist("effort_records_case_id_fkey", "test case", record.case_id):
            await self._connection.execute(
                _INSERT_EFFORT,
                record.id,
                record.case_id,
                record.work_date,
                record.hours,
                record.comment,
                record.recorded_by,
                record.created_at,
            )

    async def page_for_case(
        self, case_id: UUID, request: PageRequest, *, newest_first: bool = False
    ) -> Page[EffortRecord]:
        return await read_page(
            self._connection,
            _EFFORTS_NEWEST_FIRST if newest_first else _EFFORTS_OLDEST_FIRST,
            scope_arguments=[case_id],
            scope_key=str(case_id),
            request=request,
            item_from=effort_from,
        )
