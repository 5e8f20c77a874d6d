"""Semantic versions (MAJOR.MINOR.PATCH with optional -prerelease), compared by SemVer 2.0 precedence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

_PATTERN = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?$"
)


@total_ordering
@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int
    prerelease: tuple[str, ...] = ()

    def __str__(self) -> str:
        core = f"{self.major}.{self.minor}.{self.patch}"
        return f"{core}-{'.'.join(self.prerelease)}" if self.prerelease else core

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        if (self.major, self.minor, self.patch) != (other.major, other.minor, other.patch):
            return (self.major, self.minor, self.patch) < (other.major, other.minor, other.patch)
        if not self.prerelease or not other.prerelease:
            # A release is greater than any of its pre-releases.
            return bool(self.prerelease) and not other.prerelease
        return _prerelease_key(self.prerelease) < _prerelease_key(other.prerelease)


def _prerelease_key(parts: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    # Numeric identifiers sort before alphanumeric ones; a shorter list sorts first when equal so far.
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def parse_version(text: str) -> Version | None:
    match = _PATTERN.match(text.strip())
    if match is None:
        return None
    major, minor, patch, pre = match.groups()
    return Version(int(major), int(minor), int(patch), tuple(pre.split(".")) if pre else ())
