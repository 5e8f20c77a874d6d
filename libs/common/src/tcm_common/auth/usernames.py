"""Username rules (docs/domain.md): 3-50 characters of [a-z0-9_.-], unique regardless of case."""

from __future__ import annotations

import re

MIN_LENGTH = 3
MAX_LENGTH = 50
_ALLOWED = re.compile(r"[a-z0-9_.-]+")


def normalize_username(raw: str) -> str:
    # Uniqueness ignores case, so the one stored (and looked-up) form is the lower-case one.
    return raw.strip().lower()


def username_problems(username: str) -> list[str]:
    """What is wrong with an already normalized username (empty when it is acceptable)."""
    problems: list[str] = []
    if not MIN_LENGTH <= len(username) <= MAX_LENGTH:
        problems.append(f"must be {MIN_LENGTH} to {MAX_LENGTH} characters long")
    if username and _ALLOWED.fullmatch(username) is None:
        problems.append("may contain only letters a-z, digits and the characters _ . -")
    return problems
