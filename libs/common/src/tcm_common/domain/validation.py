"""Collects field errors so one ValidationFailed reports every broken rule of an input at once."""

from __future__ import annotations

from decimal import Decimal

from tcm_common.domain.errors import ValidationFailed

MAX_DESCRIPTION_LENGTH = 10_000
# PostgreSQL text can't hold NUL; refusing it here keeps it a field error instead of a database failure.
NUL = "\x00"
NUL_MESSAGE = "must not contain NUL characters"


class Checker:
    def __init__(self) -> None:
        self._errors: list[tuple[str, str]] = []

    def fail(self, field: str, message: str) -> None:
        self._errors.append((field, message))

    def required_text(self, field: str, value: str, max_length: int) -> str:
        cleaned = value.strip()
        if NUL in cleaned:
            self.fail(field, NUL_MESSAGE)
        elif not cleaned:
            self.fail(field, "is required")
        elif len(cleaned) > max_length:
            self.fail(field, f"must be at most {max_length} characters")
        return cleaned

    def optional_text(
        self, field: str, value: str | None, max_length: int = MAX_DESCRIPTION_LENGTH
    ) -> str | None:
        # Blank optional text means "none", so clients can clear a field by sending "".
        cleaned = (value or "").strip()
        if NUL in cleaned:
            self.fail(field, NUL_MESSAGE)
        elif len(cleaned) > max_length:
            self.fail(field, f"must be at most {max_length} characters")
        return cleaned or None

    def hours(
        self, field: str, value: Decimal, *, minimum_exclusive: bool, maximum: Decimal | None
    ) -> Decimal:
        if not value.is_finite():
            self.fail(field, "must be a number")
            return value
        if value < 0 or (minimum_exclusive and value == 0):
            self.fail(field, "must be greater than 0" if minimum_exclusive else "must not be negative")
        elif maximum is not None and value > maximum:
            self.fail(field, f"must be at most {maximum}")
        elif value != value.quantize(Decimal("0.01")):
            self.fail(field, "must have at most two decimal places")
        return value

    def raise_if_failed(self) -> None:
        if self._errors:
            raise ValidationFailed(self._errors)
