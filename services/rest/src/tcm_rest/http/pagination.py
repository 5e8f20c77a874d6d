"""limit + cursor query parameters of list routes, and the page request they make."""

from __future__ import annotations

from typing import Annotated

from litestar.params import QueryParameter

from tcm_common.application.pagination import MAX_PAGE_SIZE, PageRequest
from tcm_common.domain.errors import ValidationFailed

Limit = Annotated[
    int,
    QueryParameter(ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, at most {MAX_PAGE_SIZE}."),
]
Cursor = Annotated[
    str | None,
    QueryParameter(max_length=200, description="The nextCursor of the previous page; omit for the first page."),
]


def page_request(limit: int, cursor: str | None) -> PageRequest:
    try:
        return PageRequest.of(limit, cursor)
    except ValidationFailed as error:
        # The use case layer calls it `after` (Relay); here the client sent `cursor`.
        raise ValidationFailed.single("cursor", error.details[0].message) from None
