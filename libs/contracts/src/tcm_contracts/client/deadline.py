"""Every call of the client has a deadline: a timeout in seconds, given by the caller."""

from __future__ import annotations

import math


class InvalidDeadlineError(ValueError):
    """A call was made without a usable timeout (missing, zero, negative or infinite)."""


def checked_timeout(timeout: object) -> float:
    """The timeout as float seconds; InvalidDeadlineError unless it is a finite number above 0."""
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise InvalidDeadlineError(f"every call needs a timeout in seconds, got {timeout!r}")
    if not math.isfinite(timeout) or timeout <= 0:
        raise InvalidDeadlineError(f"the timeout must be a finite number of seconds above 0, got {timeout!r}")
    return float(timeout)
