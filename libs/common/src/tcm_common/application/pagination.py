"""Keyset pagination: opaque cursors, a page size capped at 100, Relay-shaped pages.

request = PageRequest.of(first=20, after=cursor_from_client)
page.edges[i].cursor / page.edges[i].node, page.has_next_page, page.end_cursor, page.total_count
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar
from uuid import UUID

from tcm_common.domain.errors import ValidationFailed

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Position:
    """Where a page starts after: the sort key of the last row seen (newest first)."""

    created_at: datetime
    id: UUID

    def encode(self) -> str:
        raw = json.dumps({"t": self.created_at.isoformat(), "i": str(self.id)}, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, cursor: str) -> Position:
        try:
            raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            position = cls(datetime.fromisoformat(raw["t"]), UUID(raw["i"]))
        except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
            raise ValidationFailed.single("after", "is not a cursor this API issued") from error
        if position.created_at.tzinfo is None:
            raise ValidationFailed.single("after", "is not a cursor this API issued")
        return position


@dataclass(frozen=True, slots=True)
class PageRequest:
    size: int
    after: Position | None

    @classmethod
    def of(cls, first: int | None = None, after: str | None = None) -> PageRequest:
        if first is not None and first < 0:
            raise ValidationFailed.single("first", "must not be negative")
        size = DEFAULT_PAGE_SIZE if first is None else min(first, MAX_PAGE_SIZE)
        return cls(size, Position.decode(after) if after else None)


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
