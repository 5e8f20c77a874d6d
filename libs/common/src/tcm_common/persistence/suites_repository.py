"""TestSuite rows: CRUD, a row lock for deletions and group creation, and the keyset-paged list."""

from __future__ import annotations

from uuid import UUID

from tcm_common.application.filters import SuiteFilter
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.domain.suite import TestSuite
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.rows import SUITE_COLUMNS, suite_from
from tcm_common.persistence.suite_listing import page_of_suites
from tcm_common.persistence.writes import update_versioned

_SELECT = f"SELECT {SUITE_COLUMNS} FROM test_suites s WHERE s.id = $1"  # noqa: S608 - constant columns
_INSERT = """
INSERT INTO test_suites (id, name, description, status, estimated_start_date, estimated_end_date,
                         require_effort_comment, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
"""
_UPDATE = """
UPDATE test_suites SET version = $2, name = $3, description = $4, status = $5, estimated_start_date = $6,
       estimated_end_date = $7, require_effort_comment = $8, updated_at = $9
 WHERE id = $1 AND version = $2 - 1
"""


class PostgresSuiteRepository:
    def __init__(self, connection: DbConnection) -> None:
        self._connection = connection

    async def get(self, suite_id: UUID, *, for_update: bool = False) -> TestSuite | None:
        row = await self._connection.fetchrow(_SELECT + (" FOR UPDATE" if for_update else ""), suite_id)
        return suite_from(row) if row is not None else None

    async def add(self, suite: TestSuite) -> None:
        await self._connection.execute(
            _INSERT,
            suite.id,
            suite.name,
            suite.description,
            suite.status.value,
            suite.estimated_start_date,
            suite.estimated_end_date,
            suite.require_effort_comment,
            suite.created_at,
            suite.updated_at,
            suite.version,
        )

    async def update(self, suite: TestSuite) -> None:
        await update_versioned(
            self._connection,
            _UPDATE,
            "test suite",
            suite.id,
            suite.version,
            suite.name,
            suite.description,
            suite.status.value,
            suite.estimated_start_date,
            suite.estimated_end_date,
            suite.require_effort_comment,
            suite.updated_at,
        )

    async def delete(self, suite_id: UUID) -> None:
        await self._connection.execute("DELETE FROM test_suites WHERE id = $1", suite_id)

    async def count_groups(self, suite_id: UUID) -> int:
        count: int = await self._connection.fetchval(
            "SELECT count(*) FROM test_groups WHERE suite_id = $1", suite_id
        )
        return count

    async def page(self, suite_filter: SuiteFilter, request: PageRequest) -> Page[TestSuite]:
        return await page_of_suites(self._connection, suite_filter, request)
