"""Percentages as the platform shows them: 0-100 with one decimal, rounded half up (docs/domain.md)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent(part: Decimal | int, whole: Decimal | int) -> float:
    """`part` of `whole` in percent; 0 when `whole` is 0."""
    if whole == 0:
        return 0.0
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
