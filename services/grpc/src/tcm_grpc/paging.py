"""Pagination as the testsuite.v1 contract states it: `page_size` 0 means 50, more than 200 counts as
200; `page_token` is the opaque `next_page_token` of the previous page, empty for the first page.

The suite list pages in the database (keyset, through the use case's PageRequest). The other lists
(groups of a suite, cases of a group, history and efforts of a case) come whole from their use cases,
so they are sliced here, with a token that holds the offset and names the list it belongs to.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from tcm_common.application.pagination import PageRequest, Position
from tcm_common.domain.errors import ValidationFailed

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

_T = TypeVar("_T")

_FOREIGN_TOKEN = "is not the next_page_token of this list"  # noqa: S105 - a message, not a secret


def page_size(requested: int) -> int:
    if requested < 0:
        raise ValidationFailed.single("page_size", "must not be negative")
    return min(requested or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def suite_page_request(requested_size: int, token: str) -> PageRequest:
    size = page_size(requested_size)
    if not token:
        return PageRequest(size, None)
    try:
        return PageRequest(size, Position.decode(token))
    except ValidationFailed:
        raise ValidationFailed.single("page_token", _FOREIGN_TOKEN) from None


@dataclass(frozen=True, slots=True)
class Slice(Generic[_T]):
    items: list[_T]
    next_page_token: str


def page_of(items: Sequence[_T], *, list_key: str, requested_size: int, token: str) -> Slice[_T]:
    """One page of a whole list; `list_key` identifies the list (e.g. "cases:<group id>")."""
    size = page_size(requested_size)
    offset = _offset(token, list_key) if token else 0
    end = offset + size
    next_token = _token(end, list_key) if end < len(items) else ""
    return Slice(list(items[offset:end]), next_token)


def _token(offset: int, list_key: str) -> str:
    raw = json.dumps({"o": offset, "l": list_key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _offset(token: str, list_key: str) -> int:
    try:
        raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset, key = raw["o"], raw["l"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ValidationFailed.single("page_token", _FOREIGN_TOKEN) from None
    if key != list_key or not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise ValidationFailed.single("page_token", _FOREIGN_TOKEN)
    return offset
