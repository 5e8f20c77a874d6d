"""Keyset pages of the lists that hang off a parent (a suite's groups, a case's history, ...), in SQL
(docs/paging.md).

`read_page`: one page of one parent's list, in one statement with the list's total, both from the same
snapshot. `read_pages`: the same page request for many parents (DataLoaders), still ONE statement: a
LATERAL join walks each parent's index for its first page. A cursor belongs to one parent, so a request
with a cursor reads that parent alone.

The first page and the following ones are different fixed statements (not "$n IS NULL OR ..."), so each
keeps a plan that walks the list's index from the position on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeAlias, TypeVar
from uuid import UUID

import asyncpg
from asyncpg import Record

from tcm_common.application.pagination import Keyset, Page, PageRequest, page_from
from tcm_common.persistence.connection_types import DbConnection

_T = TypeVar("_T")
Reader: TypeAlias = DbConnection | asyncpg.Pool

_SQL_TYPES: dict[type, str] = {datetime: "timestamptz", date: "date", int: "bigint", UUID: "uuid", str: "text"}


@dataclass(frozen=True, slots=True)
class KeysetList(Generic[_T]):
    """A list read in pages. `source` is "table alias"; `parent` the column naming the parent ($1);
    `condition` an optional further filter (" AND ...", parameters $2..); `order` the sort key columns,
    matching `keyset.types`. Every piece is a constant: values are always parameters."""

    keyset: Keyset[_T]
    columns: str
    source: str
    parent: str
    order: tuple[str, ...]
    condition: str = ""
    descending: bool = False

    def _page_of(self, parent: str, first_parameter: int, *, after: bool) -> tuple[str, str, int]:
        """The count and the page subqueries for one parent, and the number of the LIMIT parameter."""
        direction, compare = ("DESC", "<") if self.descending else ("ASC", ">")
        scope = f"{self.parent} = {parent}{self.condition}"
        where = scope
        parameter = first_parameter
        if after:
            placeholders = [f"${parameter + n}::{_SQL_TYPES[kind]}" for n, kind in enumerate(self.keyset.types)]
            where += f" AND ({', '.join(self.order)}) {compare} ({', '.join(placeholders)})"
            parameter += len(placeholders)
        ordering = ", ".join(f"{column} {direction}" for column in self.order)
        count = f"SELECT count(*) FROM {self.source} WHERE {scope}"  # noqa: S608
        page = f"SELECT {self.columns} FROM {self.source} WHERE {where} ORDER BY {ordering} LIMIT ${parameter}"  # noqa: S608
        return count, page, parameter

    def statement(self, filter_arity: int, *, after: bool) -> str:
        count, page, _ = self._page_of("$1", 2 + filter_arity, after=after)
        return f"""
SELECT ({count}) AS total_count, page.*
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL ({page}) AS page ON true
"""

    def first_pages_statement(self, filter_arity: int) -> str:
        count, page, _ = self._page_of("parents.parent_key", 2 + filter_arity, after=False)
        return f"""
SELECT parents.parent_key, ({count}) AS total_count, page.*
  FROM unnest($1::uuid[]) AS parents(parent_key)
  LEFT JOIN LATERAL ({page}) AS page ON true
"""


async def read_page(
    reader: Reader,
    listing: KeysetList[_T],
    parent_id: UUID,
    request: PageRequest,
    item_from: Callable[[Record], _T],
    filter_arguments: Sequence[object] = (),
) -> Page[_T]:
    """One page of one parent's list; its cursors name the parent, so one of another parent is refused."""
    scope = str(parent_id)
    position = request.position(listing.keyset, scope)
    statement = listing.statement(len(filter_arguments), after=position is not None)
    rows = await reader.fetch(statement, parent_id, *filter_arguments, *(position or ()), request.size + 1)
    items = [item_from(row) for row in rows if row["id"] is not None]
    return page_from(items, request=request, keyset=listing.keyset, scope=scope, total_count=rows[0]["total_count"])


async def read_pages(
    reader: Reader,
    listing: KeysetList[_T],
    parent_ids: Sequence[UUID],
    request: PageRequest,
    item_from: Callable[[Record], _T],
    filter_arguments: Sequence[object] = (),
) -> list[Page[_T]]:
    """The same page of many parents' lists, in the order of `parent_ids`, in one statement."""
    if request.after is not None:
        # A cursor is valid for one parent only: every other one is refused before anything is read.
        for parent_id in parent_ids:
            request.position(listing.keyset, str(parent_id))
        return [
            await read_page(reader, listing, parent_id, request, item_from, filter_arguments)
            for parent_id in parent_ids
        ]
    statement = listing.first_pages_statement(len(filter_arguments))
    rows = await reader.fetch(statement, list(parent_ids), *filter_arguments, request.size + 1)
    items: defaultdict[UUID, list[_T]] = defaultdict(list)
    totals: dict[UUID, int] = {}
    for row in rows:
        totals[row["parent_key"]] = row["total_count"]
        if row["id"] is not None:
            items[row["parent_key"]].append(item_from(row))
    return [
        page_from(
            items[parent_id],
            request=request,
            keyset=listing.keyset,
            scope=str(parent_id),
            total_count=totals.get(parent_id, 0),
        )
        for parent_id in parent_ids
    ]
