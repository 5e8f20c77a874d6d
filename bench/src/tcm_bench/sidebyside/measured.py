"""One measured window of one contender, whichever tool drove it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PassFigures:
    per_second: float  # successful requests per second of the window
    p50_ms: float
    p99_ms: float
    completed: int
    errors: int
