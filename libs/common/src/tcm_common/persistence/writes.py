"""What every repository does on a write: a conditional update that refuses a stale version, and
foreign-key violations reported as the missing parent (it was deleted concurrently)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from uuid import UUID

import asyncpg

from tcm_common.domain.errors import NotFound, VersionConflict
from tcm_common.persistence.connection_types import DbConnection


async def update_versioned(
    connection: DbConnection, statement: str, resource: str, entity_id: UUID, version: int, *values: object
) -> None:
    """`statement` sets the new values and `version = $2`, guarded by `WHERE id = $1 AND version = $2 - 1`."""
    status = await connection.execute(statement, entity_id, version, *values)
    if status == "UPDATE 0":
        raise VersionConflict(resource, entity_id, version - 1)


@asynccontextmanager
async def parent_must_exist(constraint: str, resource: str, parent_id: UUID) -> AsyncIterator[None]:
    try:
        yield
    except asyncpg.ForeignKeyViolationError as error:
        if error.constraint_name != constraint:
            raise
        raise NotFound(resource, parent_id) from error
