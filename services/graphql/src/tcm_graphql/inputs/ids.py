"""Ids over GraphQL: most arguments are called `id`; the rule is the one of every protocol
(tcm_common.domain.input_values)."""

from __future__ import annotations

from uuid import UUID

from tcm_common.domain import input_values
from tcm_common.domain.input_values import parse_ids

__all__ = ["parse_id", "parse_ids"]


def parse_id(value: str, field: str = "id") -> UUID:
    return input_values.parse_id(value, field)
