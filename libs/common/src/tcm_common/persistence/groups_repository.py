"""TestGroup rows: CRUD, the suite's groups in display order (whole or a page), the next free display order."""

from __future__ import annotations

from uuid import UUID

from tcm_common.application.pagination import Page, PageRequest
from tcm_common.domain.group import TestGroup
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.keyset import read_page
from tcm_common.persistence.paged_lists import GROUPS
from tcm_common.persistence.rows import GROUP_COLUMNS, group_from
from tcm_common.persistence.writes import parent_must_exist, update_versioned

_SELECT = f"SELECT {GROUP_COLUMNS} FROM test_groups g"  # noqa: S608 - constant column list
_INSERT = """
INSERT INTO test_groups (id, suite_id, name, description, display_order, created_at, updated_at, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""
_UPDATE = """
UPDATE test_groups SET version = $2, name = $3, description = $4, display_order = $5, updated_at = $6
 WHERE id = $1 AND version = $2 - 1
"""


class PostgresGroupRepository:
    def __init__(self, connection: DbConnection) -> None:
        self._connection = connection

    async def get(self, group_id: UUID, *, for_update: bool = False) -> TestGroup | None:
        statement = f"{_SELECT} WHERE g.id = $1" + (" FOR UPDATE" if for_update else "")
        row = await self._connection.fetchrow(statement, group_id)
        return group_from(row) if row is not None else None

    async def add(self, group: TestGroup) -> None:
        async with parent_must_exist("test_groups_suite_id_fkey", "test suite", group.suite_id):
            await self._connection.execute(
                _INSERT,
                group.id,
                group.suite_id,
                group.name,
                group.description,
                group.display_order,
                group.created_at,
                group.updated_at,
                group.version,
            )

    async def update(self, group: TestGroup) -> None:
        await update_versioned(
            self._connection,
            _UPDATE,
            "test group",
            group.id,
            group.version,
            group.name,
            group.description,
            group.display_order,
            group.updated_at,
        )

    async def delete(self, group_id: UUID) -> None:
        await self._connection.execute("DELETE FROM test_groups WHERE id = $1", group_id)

    async def count_cases(self, group_id: UUID) -> int:
        count: int = await self._connection.fetchval(
            "SELECT count(*) FROM test_cases WHERE group_id = $1", group_id
        )
        return count

    async def list_for_suite(self, suite_id: UUID) -> list[TestGroup]:
        rows = await self._connection.fetch(
            f"{_SELECT} WHERE g.suite_id = $1 ORDER BY g.display_order", suite_id
        )
        return [group_from(row) for row in rows]

    async def page_for_suite(self, suite_id: UUID, request: PageRequest) -> Page[TestGroup]:
        return await read_page(self._connection, GROUPS, suite_id, request, group_from)

    async def next_display_order(self, suite_id: UUID) -> int:
        order: int = await self._connection.fetchval(
            "SELECT coalesce(max(display_order) + 1, 0) FROM test_groups WHERE suite_id = $1", suite_id
        )
        return order
