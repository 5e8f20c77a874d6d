"""Opaque ids: UUIDs on the wire; anything else is the caller's mistake, not "not found"."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from tcm_common.domain.errors import ValidationFailed


def parse_id(value: str, field: str = "id") -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise ValidationFailed.single(field, "is not a valid id") from None


def parse_ids(values: Iterable[str], field: str) -> list[UUID]:
    return [parse_id(value, field) for value in values]
