"""The one paging rule of every list on every protocol (docs/paging.md).

- A page holds DEFAULT_PAGE_SIZE items unless the client asks for another size; a size above
  MAX_PAGE_SIZE is clamped to it (never refused); a size below 1 is invalid input.
- The next page starts after an opaque cursor: the keyset position (the sort key) of the last item
  seen, bound to the list it came from. A cursor that is not one this API issued for that very list
  (garbled, edited, or from another list or parent) is invalid input.

    request = PageRequest.of(first=20, after=cursor_from_client)
    page.edges[i].cursor / page.edges[i].node, page.has_next_page, page.end_cursor, page.total_count

Repositories read one page in SQL (tcm_common.persistence.keyset); the lists and their sort keys are in
tcm_common.application.list_orders.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Generic, TypeVar
from uuid import UUID

from tcm_common.domain.errors import ValidationFailed

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Long enough for any cursor issued here (a kind, a parent id and three sort keys, base64).
MAX_CURSOR_LENGTH = 400

_T = TypeVar("_T")
_U = TypeVar("_U")
KeyValue = datetime | date | int | UUID | str

_VERSION = "1"
_SEPARATOR = "|"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NOT_OURS = "is not a cursor this API issued for this list"


def _timestamp_text(value: datetime) -> str:
    # Whole microseconds since the epoch: exact, and shorter than ISO text.
    return str((value - _EPOCH) // timedelta(microseconds=1))


def _timestamp_of(text: str) -> datetime:
    return _EPOCH + timedelta(microseconds=int(text))


def _text_of(value: KeyValue) -> str:
    if isinstance(value, datetime):
        return _timestamp_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_PARSERS: dict[type, Callable[[str], KeyValue]] = {
    datetime: _timestamp_of,
    date: date.fromisoformat,
    int: int,
    UUID: UUID,
    str: str,
}


@dataclass(frozen=True, slots=True)
class Keyset(Generic[_T]):
    """The sort key of one list: its name (with the direction, so an ascending cursor never pages a
    descending list), the types of the key's columns, most significant first, and the key of an item.
    The lists and their orders are in tcm_common.application.list_orders."""

    kind: str
    types: tuple[type, ...]
    key_of: Callable[[_T], tuple[KeyValue, ...]]

    def cursor(self, scope: str, values: Sequence[KeyValue]) -> str:
        parts = [_VERSION, self.kind, scope, *(_text_of(value) for value in values)]
        return base64.urlsafe_b64encode(_SEPARATOR.join(parts).encode()).decode().rstrip("=")

    def position(self, cursor: str, scope: str) -> tuple[KeyValue, ...]:
        """The key values in `cursor`; ValueError unless it was issued for this list and parent."""
        try:
            text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        except (binascii.Error, UnicodeDecodeError) as error:
            raise ValueError(cursor) from error
        version, kind, cursor_scope, *values = text.split(_SEPARATOR)
        if (version, kind, cursor_scope) != (_VERSION, self.kind, scope) or len(values) != len(self.types):
            raise ValueError(cursor)
        return tuple(_PARSERS[kind_of](value) for kind_of, value in zip(self.types, values, strict=True))


@dataclass(frozen=True, slots=True)
class PageRequest:
    """A validated page size and the client's cursor, still opaque: the list being read decodes it
    (`position`), since only that list knows which cursors are its own. `cursor_field` names the
    client's parameter (`after`, `cursor`, `page_token`) in the error a foreign cursor gets."""

    size: int
    after: str | None = None
    cursor_field: str = "after"

    @classmethod
    def of(
        cls,
        first: int | None = None,
        after: str | None = None,
        *,
        size_field: str = "first",
        cursor_field: str = "after",
    ) -> PageRequest:
        if first is not None and first < 1:
            raise ValidationFailed.single(size_field, "must be at least 1")
        if after is not None and len(after) > MAX_CURSOR_LENGTH:
            raise ValidationFailed.single(cursor_field, _NOT_OURS)
        size = DEFAULT_PAGE_SIZE if first is None else min(first, MAX_PAGE_SIZE)
        return cls(size, after or None, cursor_field)

    def position(self, keyset: Keyset[Any], scope: str = "") -> tuple[KeyValue, ...] | None:
        """Where this page starts after, or None for the first page."""
        if self.after is None:
            return None
        try:
            return keyset.position(self.after, scope)
        except (ValueError, KeyError, OverflowError):
            raise ValidationFailed.single(self.cursor_field, _NOT_OURS) from None


@dataclass(frozen=True, slots=True)
class Edge(Generic[_T]):
    cursor: str
    node: _T


@dataclass(frozen=True, slots=True)
class Page(Generic[_T]):
    edges: list[Edge[_T]]
    has_next_page: bool
    total_count: int

    @property
    def nodes(self) -> list[_T]:
        return [edge.node for edge in self.edges]

    @property
    def end_cursor(self) -> str | None:
        return self.edges[-1].cursor if self.edges else None

    @property
    def next_cursor(self) -> str | None:
        """The cursor of the next page, None on the last one."""
        return self.end_cursor if self.has_next_page else None

    def with_nodes(self, nodes: Sequence[_U]) -> Page[_U]:
        """The same page (cursors, next page, total) over other nodes, one per edge in order: the read
        models built from its entities (tcm_common.application.views)."""
        edges = [Edge(edge.cursor, node) for edge, node in zip(self.edges, nodes, strict=True)]
        return Page(edges, has_next_page=self.has_next_page, total_count=self.total_count)


def page_from(
    items: Sequence[_T], *, request: PageRequest, keyset: Keyset[_T], scope: str, total_count: int
) -> Page[_T]:
    """A page from the rows a keyset query read: up to `request.size` items plus one more if any
    follow (the probe that says there is a next page)."""
    edges = [Edge(keyset.cursor(scope, keyset.key_of(item)), item) for item in items[: request.size]]
    return Page(edges, has_next_page=len(items) > request.size, total_count=total_count)
