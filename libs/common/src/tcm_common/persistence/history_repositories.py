"""Append-only records of a case: status changes and effort records."""

from __future__ import annotations

from uuid import UUID

from tcm_common.application.pagination import Page, PageRequest
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.status_change import StatusChange
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.keyset import read_page
from tcm_common.persistence.paged_lists import EFFORTS, EFFORTS_BACKWARDS, HISTORY
from tcm_common.persistence.rows import effort_from, status_change_from
from tcm_common.persistence.writes import parent_must_exist

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
        return await read_page(self._connection, HISTORY, case_id, request, status_change_from)


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
        listing = EFFORTS_BACKWARDS if newest_first else EFFORTS
        return await read_page(self._connection, listing, case_id, request, effort_from)
