"""The UNSET marker of partial updates: a field left UNSET keeps its value, None clears it."""

from __future__ import annotations

import enum
from typing import TypeVar

_T = TypeVar("_T")


class Unset(enum.Enum):
    UNSET = "UNSET"


UNSET = Unset.UNSET


def patched(current: _T, change: _T | Unset) -> _T:
    return current if isinstance(change, Unset) else change
