"""Reading input objects: partial updates (absent = UNSET, null = clear) and hours as exact decimals."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.input_values import exact_decimal
from tcm_common.domain.patch import UNSET, Unset

Input = Mapping[str, Any]


def patch_value(data: Input, name: str, *, nullable: bool) -> Any:
    """UNSET when the input leaves `name` out; null only where the field can be cleared."""
    if name not in data:
        return UNSET
    value = data[name]
    if value is None and not nullable:
        raise ValidationFailed.single(name, "can't be cleared")
    return value


def optional_hours(value: float | None) -> Decimal | None:
    return None if value is None else exact_decimal(value)


def patch_hours(data: Input, name: str) -> Decimal | Unset | None:
    value = patch_value(data, name, nullable=True)
    return value if isinstance(value, Unset) else optional_hours(value)
