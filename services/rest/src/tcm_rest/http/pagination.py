"""limit + cursor query parameters of list routes, and the page request they make (docs/paging.md)."""

from __future__ import annotations

from typing import Annotated

from litestar.params import QueryParameter

from tcm_common.application.pagination import DEFAULT_PAGE_SIZE, MAX_CURSOR_LENGTH, MAX_PAGE_SIZE, PageRequest

Limit = Annotated[
    int,
    QueryParameter(
        ge=1,
        description=f"Items per page, {DEFAULT_PAGE_SIZE} if omitted; more than {MAX_PAGE_SIZE} counts as"
        f" {MAX_PAGE_SIZE}.",
    ),
]
Cursor = Annotated[
    str | None,
    QueryParameter(
        max_length=MAX_CURSOR_LENGTH, description="The nextCursor of the previous page; omit for the first page."
    ),
]


def page_request(limit: int, cursor: str | None) -> PageRequest:
    return PageRequest.of(limit, cursor, size_field="limit", cursor_field="cursor")
