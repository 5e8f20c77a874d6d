"""What runs need of cases: automation keys (unique within a suite), cases created for unknown keys,
and case moves of drivesWorkflow, each in one statement whatever the number of cases."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg

from tcm_common.domain.case import TestCase
from tcm_common.domain.errors import Conflict
from tcm_common.domain.status_change import StatusChange
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.rows import CASE_COLUMNS, case_from
from tcm_common.persistence.writes import parent_must_exist, update_versioned

_BY_KEY = """
SELECT automation_key, case_id FROM case_automation_keys
 WHERE suite_id = $1 AND automation_key = ANY($2::text[])
"""
_IN_SUITE = """
SELECT c.id FROM test_cases c JOIN test_groups g ON g.id = c.group_id
 WHERE g.suite_id = $1 AND c.id = ANY($2::uuid[])
"""
_TOUCH_CASE = "UPDATE test_cases SET version = $2, updated_at = $3 WHERE id = $1 AND version = $2 - 1"
_DELETE_KEY = "DELETE FROM case_automation_keys WHERE case_id = $1"
_ADD_KEYS = """
INSERT INTO case_automation_keys (case_id, suite_id, automation_key)
SELECT x.case_id, g.suite_id, x.automation_key
  FROM unnest($1::uuid[], $2::text[]) AS x(case_id, automation_key)
  JOIN test_cases c ON c.id = x.case_id
  JOIN test_groups g ON g.id = c.group_id
    ON CONFLICT (case_id) DO UPDATE SET automation_key = EXCLUDED.automation_key
"""
_ADD_CASES = """
INSERT INTO test_cases (id, group_id, title, description, status, priority, planned_effort, created_at,
                        updated_at, version)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[],
                     $8::timestamptz[], $9::timestamptz[], $10::integer[])
"""
# Ordered, so that two writers locking overlapping cases take the locks in the same order.
_FOR_UPDATE = f"""
SELECT {CASE_COLUMNS} FROM test_cases c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE OF c
"""  # - constant column list
_MOVE = """
UPDATE test_cases c SET status = x.status, version = x.version, updated_at = x.updated_at
  FROM unnest($1::uuid[], $2::text[], $3::integer[], $4::timestamptz[]) AS x(id, status, version, updated_at)
 WHERE c.id = x.id AND c.version = x.version - 1
"""
_ADD_HISTORY = """
INSERT INTO status_changes (id, case_id, from_status, to_status, reason, changed_by, changed_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[])
"""
_GROUP_NAMED = "SELECT id FROM test_groups WHERE suite_id = $1 AND name = $2 ORDER BY display_order LIMIT 1"


class PostgresAutomationRepository:
    def __init__(self, connection: DbConnection) -> None:
        self._connection = connection

    async def case_ids_by_key(self, suite_id: UUID, keys: Sequence[str]) -> dict[str, UUID]:
        if not keys:
            return {}
        rows = await self._connection.fetch(_BY_KEY, suite_id, list(keys))
        return {row["automation_key"]: row["case_id"] for row in rows}

    async def case_ids_in_suite(self, suite_id: UUID, case_ids: Sequence[UUID]) -> set[UUID]:
        if not case_ids:
            return set()
        return {row["id"] for row in await self._connection.fetch(_IN_SUITE, suite_id, list(case_ids))}

    async def set_key(self, case: TestCase) -> None:
        await update_versioned(self._connection, _TOUCH_CASE, "test case", case.id, case.version, case.updated_at)
        if case.automation_key is None:
            await self._connection.execute(_DELETE_KEY, case.id)
            return
        try:
            await self._connection.execute(_ADD_KEYS, [case.id], [case.automation_key])
        except asyncpg.UniqueViolationError as error:
            raise Conflict(
                f"automation key {case.automation_key!r} belongs to another case of this test suite"
            ) from error

    async def add_cases(self, cases: Sequence[TestCase]) -> None:
        if not cases:
            return
        async with parent_must_exist("test_cases_group_id_fkey", "test group", cases[0].group_id):
            await self._connection.execute(
                _ADD_CASES,
                [c.id for c in cases],
                [c.group_id for c in cases],
                [c.title for c in cases],
                [c.description for c in cases],
                [c.status.value for c in cases],
                [c.priority.value for c in cases],
                [c.planned_effort for c in cases],
                [c.created_at for c in cases],
                [c.updated_at for c in cases],
                [c.version for c in cases],
            )
        keyed = [c for c in cases if c.automation_key is not None]
        if keyed:
            await self._connection.execute(_ADD_KEYS, [c.id for c in keyed], [c.automation_key for c in keyed])

    async def cases_for_update(self, case_ids: Sequence[UUID]) -> list[TestCase]:
        return [case_from(row) for row in await self._connection.fetch(_FOR_UPDATE, list(case_ids))]

    async def move(self, cases: Sequence[TestCase], changes: Sequence[StatusChange]) -> None:
        await self._connection.execute(
            _MOVE,
            [c.id for c in cases],
            [c.status.value for c in cases],
            [c.version for c in cases],
            [c.updated_at for c in cases],
        )
        await self._connection.execute(
            _ADD_HISTORY,
            [h.id for h in changes],
            [h.case_id for h in changes],
            [h.from_status.value for h in changes],
            [h.to_status.value for h in changes],
            [h.reason for h in changes],
            [h.changed_by for h in changes],
            [h.changed_at for h in changes],
        )

    async def group_named(self, suite_id: UUID, name: str) -> UUID | None:
        group_id: UUID | None = await self._connection.fetchval(_GROUP_NAMED, suite_id, name)
        return group_id
