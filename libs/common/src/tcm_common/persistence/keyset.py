"""One keyset page of a list in one statement: the list's total and up to `size + 1` rows after the
cursor's position, both from the same snapshot (docs/paging.md).

The first page and the following ones are two fixed statements (not "$n IS NULL OR ..."), so each
keeps a plan that walks the list's index from the position on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar
from uuid import UUID

from asyncpg import Record

from tcm_common.application.pagination import Keyset, Page, PageRequest, page_from
from tcm_common.persistence.connection_types import DbConnection

_T = TypeVar("_T")

_SQL_TYPES: dict[type, str] = {datetime: "timestamptz", date: "date", int: "bigint", UUID: "uuid", str: "text"}


@dataclass(frozen=True, slots=True)
class KeysetList(Generic[_T]):
    """A list read in pages: `source` is "table alias", `scope` the condition naming its parent
    (parameters $1.. of `scope_arguments`), `order` the sort key columns matching `keyset.types`."""

    keyset: Keyset[_T]
    columns: str
    source: str
    scope: str
    order: tuple[str, ...]
    descending: bool = False

    def statement(self, scope_arity: int, *, after: bool) -> str:
        direction, compare = ("DESC", "<") if self.descending else ("ASC", ">")
        condition = self.scope
        next_parameter = scope_arity + 1
        if after:
            placeholders = ", ".join(
                f"${next_parameter + offset}::{_SQL_TYPES[kind]}" for offset, kind in enumerate(self.keyset.types)
            )
            condition += f" AND ({', '.join(self.order)}) {compare} ({placeholders})"
            next_parameter += len(self.order)
        ordering = ", ".join(f"{column} {direction}" for column in self.order)
        # Every piece is a constant of this module's callers; every value is a parameter.
        return f"""
SELECT (SELECT count(*) FROM {self.source} WHERE {self.scope}) AS total_count, page.*
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
      SELECT {self.columns} FROM {self.source} WHERE {condition} ORDER BY {ordering} LIMIT ${next_parameter}
  ) AS page ON true
"""  # noqa: S608


async def read_page(
    connection: DbConnection,
    listing: KeysetList[_T],
    *,
    scope_arguments: Sequence[object],
    scope_key: str,
    request: PageRequest,
    item_from: Callable[[Record], _T],
) -> Page[_T]:
    """`scope_key` binds the cursors to the parent (e.g. the suite id), so a cursor of one suite's
    groups is refused for another suite."""
    position = request.position(listing.keyset, scope_key)
    statement = listing.statement(len(scope_arguments), after=position is not None)
    rows = await connection.fetch(statement, *scope_arguments, *(position or ()), request.size + 1)
    items = [item_from(row) for row in rows if row["id"] is not None]
    return page_from(
        items,
        request=request,
        keyset=listing.keyset,
        scope=scope_key,
        total_count=rows[0]["total_count"],
    )
