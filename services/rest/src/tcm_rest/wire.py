"""Base classes of every message on the wire: camelCase JSON, and request bodies refuse unknown fields."""

from __future__ import annotations

from typing import Annotated, TypeVar

import msgspec

from tcm_common.domain.patch import UNSET, Unset
from tcm_common.domain.validation import MAX_DESCRIPTION_LENGTH

_T = TypeVar("_T")


class RequestBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    """A mistyped field name must fail loudly, not be ignored while the intended change never happens."""


class Representation(msgspec.Struct, kw_only=True, rename="camel"):
    """What a response shows of a resource."""


# PostgreSQL text cannot hold NUL: such input is refused here (400, naming the field) and the schema says so.
WITHOUT_NUL = r"^[^\x00]*$"


def text(*, max_length: int, min_length: int = 0, description: str | None = None) -> msgspec.Meta:
    """The constraints of a text input."""
    return msgspec.Meta(min_length=min_length, max_length=max_length, pattern=WITHOUT_NUL, description=description)


Description = Annotated[str, text(max_length=MAX_DESCRIPTION_LENGTH)]
# Every list page answers with its items, this cursor and the total over all pages (docs/paging.md).
NextCursor = Annotated[
    str | None, msgspec.Meta(description="Pass it as `cursor` for the next page; null on the last page.")
]


def kept_unless_sent(value: _T | msgspec.UnsetType) -> _T | Unset:
    """A field absent from a PATCH body keeps its value (msgspec's UNSET becomes the domain's)."""
    return UNSET if isinstance(value, msgspec.UnsetType) else value
