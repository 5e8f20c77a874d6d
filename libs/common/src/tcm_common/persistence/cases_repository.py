"""TestCase rows: CRUD and a page of a group's cases (oldest first)."""

from __future__ import annotations

from uuid import UUID

from tcm_common.application.pagination import Page, PageRequest
from tcm_common.domain.case import TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.keyset import read_page
from tcm_common.persistence.paged_lists import CASES
from tcm_common.persistence.rows import CASE_COLUMNS, case_from
from tcm_common.persistence.writes import parent_must_exist, update_versioned

_SELECT = f"SELECT {CASE_COLUMNS} FROM test_cases c"  # noqa: S608 - constant column list
_INSERT = """
INSERT INTO test_cases (id, group_id, title, description, status, priority, planned_effort, created_at,
                        updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
"""
_UPDATE = """
UPDATE test_cases SET version = $2, title = $3, description = $4, status = $5, priority = $6,
       planned_effort = $7, updated_at = $8
 WHERE id = $1 AND version = $2 - 1
"""


class PostgresCaseRepository:
    def __init__(self, connection: DbConnection) -> None:
        self._connection = connection

    async def get(self, case_id: UUID) -> TestCase | None:
        row = await self._connection.fetchrow(f"{_SELECT} WHERE c.id = $1", case_id)
        return case_from(row) if row is not None else None

    async def add(self, case: TestCase) -> None:
        async with parent_must_exist("test_cases_group_id_fkey", "test group", case.group_id):
            await self._connection.execute(
                _INSERT,
                case.id,
                case.group_id,
                case.title,
                case.description,
                case.status.value,
                case.priority.value,
                case.planned_effort,
                case.created_at,
                case.updated_at,
                case.version,
            )

    async def update(self, case: TestCase) -> None:
        await update_versioned(
            self._connection,
            _UPDATE,
            "test case",
            case.id,
            case.version,
            case.title,
            case.description,
            case.status.value,
            case.priority.value,
            case.planned_effort,
            case.updated_at,
        )

    async def delete(self, case_id: UUID) -> None:
        await self._connection.execute("DELETE FROM test_cases WHERE id = $1", case_id)

    async def page_for_group(
        self, group_id: UUID, status: CaseStatus | None, request: PageRequest
    ) -> Page[TestCase]:
        status_argument = status.value if status is not None else None
        return await read_page(self._connection, CASES, group_id, request, case_from, [status_argument])
