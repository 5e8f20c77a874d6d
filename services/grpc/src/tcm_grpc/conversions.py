"""Field conversions between testsuite.v1 messages and the domain: ids, dates, numbers and enums.

Parsing raises ValidationFailed naming the request field (snake case, as in the .proto), so a bad
field is reported like any other broken rule: INVALID_ARGUMENT with a field violation.
"""

from __future__ import annotations

import datetime
import enum
from typing import TypeVar

import betterproto2

from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.input_values import exact_decimal, parse_id, parse_ids
from tcm_common.domain.patch import UNSET, Unset
from tcm_contracts.generated.testsuite import v1

_T = TypeVar("_T")
_DomainEnum = TypeVar("_DomainEnum", bound=enum.Enum)
_ProtoEnum = TypeVar("_ProtoEnum", bound=betterproto2.Enum)


# Ids and numbers follow the rules every protocol shares (tcm_common.domain.input_values).
uuid_of = parse_id
uuids_of = parse_ids
decimal_of = exact_decimal


def date_of(message: v1.Date | None, field: str) -> datetime.date | None:
    """None when the message field is unset (an absent date)."""
    if message is None:
        return None
    try:
        return datetime.date(message.year, message.month, message.day)
    except ValueError:
        raise ValidationFailed.single(field, "is not a valid calendar date") from None


def required_date_of(message: v1.Date | None, field: str) -> datetime.date:
    value = date_of(message, field)
    if value is None:
        raise ValidationFailed.single(field, "is required")
    return value


def date_message(value: datetime.date) -> v1.Date:
    return v1.Date(year=value.year, month=value.month, day=value.day)


def domain_enum(value: betterproto2.Enum, kind: type[_DomainEnum], field: str) -> _DomainEnum:
    """The domain member of the same name; UNSPECIFIED and values this server does not know are refused."""
    if value.value == 0:
        raise ValidationFailed.single(field, "is required")
    try:
        return kind[value.name or ""]
    except KeyError:
        raise ValidationFailed.single(field, f"is not a known {kind.__name__} value") from None


def optional_domain_enum(value: betterproto2.Enum, kind: type[_DomainEnum], field: str) -> _DomainEnum | None:
    """For filters and defaults: UNSPECIFIED means "any" or "the default"."""
    return None if value.value == 0 else domain_enum(value, kind, field)


def proto_enum(value: enum.Enum, kind: type[_ProtoEnum]) -> _ProtoEnum:
    return kind[value.name]


def required_version(version: int) -> int:
    """Update and status-change requests carry the version they are based on (versions start at 1)."""
    if version < 1:
        raise ValidationFailed.single("version", "is required: the version the change is based on")
    return version


def given(value: _T | None) -> _T | Unset:
    """An unset optional field of a partial update leaves the value unchanged."""
    return UNSET if value is None else value
