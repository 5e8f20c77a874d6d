"""Values every protocol receives the same way, parsed by one rule: ids and hours.

    exact_decimal(1.1)                     # Decimal("1.1"): hours, planned effort
    parse_id("not-a-uuid", "suiteId")      # raises ValidationFailed naming the field

The protocols name the field as their contract does (`suiteId` over REST and GraphQL, `suite_id` over
gRPC); the rule and the message are the same.
"""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from tcm_common.domain.errors import ValidationFailed


def exact_decimal(value: float) -> Decimal:
    """JSON and protobuf numbers arrive as binary floats; the shortest repr that round-trips is the number
    the client wrote (1.1 stays 1.1, not 1.1000000000000000888). NaN and infinities pass through and fail
    the domain's number check (tcm_common.domain.validation)."""
    return Decimal(repr(value))


def parse_id(value: str, field: str) -> UUID:
    """An id is a UUID; anything else is the caller's mistake (invalid input), never "not found"."""
    if not value:
        raise ValidationFailed.single(field, "is required")
    try:
        return UUID(value)
    except ValueError:
        raise ValidationFailed.single(field, "is not a valid id") from None


def parse_ids(values: list[str], field: str) -> list[UUID]:
    return [parse_id(value, field) for value in values]
