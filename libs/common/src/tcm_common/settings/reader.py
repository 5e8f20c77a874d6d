"""Reads environment variables and collects every problem, so one start-up error lists them all."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


class SettingsError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid configuration:\n" + "\n".join(f"  - {problem}" for problem in problems))
        self.problems = problems


class Secret:
    """A value that must never appear in logs or reprs; call reveal() where it is used."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class SettingsReader:
    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ
        self.problems: list[str] = []

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def optional(self, name: str) -> str | None:
        value = self._environ.get(name, "").strip()
        return value or None

    def required(self, name: str, hint: str) -> str | None:
        value = self.optional(name)
        if value is None:
            self.problem(f"{name} is required: {hint}")
        return value

    def choice(self, name: str, kind: type[_E], fallback: _E) -> _E:
        # `fallback` only keeps later checks running; the recorded problem still fails finish().
        allowed = "|".join(str(member.value) for member in kind)
        value = self.required(name, f"set it to one of {allowed}")
        if value is None:
            return fallback
        try:
            return kind(value)
        except ValueError:
            self.problem(f"{name}={value!r} is not one of {allowed}")
            return fallback

    def integer(self, name: str, default: int, minimum: int, hint: str = "") -> int:
        value = self.optional(name)
        if value is None:
            return default
        suffix = f" ({hint})" if hint else ""
        try:
            number = int(value)
        except ValueError:
            self.problem(f"{name}={value!r} is not an integer{suffix}")
            return default
        if number < minimum:
            self.problem(f"{name}={number} must be at least {minimum}{suffix}")
            return default
        return number

    def boolean(self, name: str, default: bool) -> bool:
        value = self.optional(name)
        if value is None:
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        self.problem(f"{name}={value!r} is not a boolean (use true or false)")
        return default

    def fraction(self, name: str, default: float) -> float:
        """A number from 0 to 1 (a ratio)."""
        value = self.optional(name)
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not 0.0 <= number <= 1.0:
            self.problem(f"{name}={value!r} is not a ratio from 0 to 1 (e.g. 0.05 for 5 %)")
            return default
        return number

    def time_zone(self, name: str, default: str) -> ZoneInfo:
        value = self.optional(name) or default
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):  # ValueError: not even shaped like a zone name
            self.problem(f"{name}={value!r} is not an IANA time zone name (e.g. UTC, Asia/Tokyo, Europe/Paris)")
            return ZoneInfo(default)

    def finish(self, value: _T) -> _T:
        if self.problems:
            raise SettingsError(self.problems)
        return value
