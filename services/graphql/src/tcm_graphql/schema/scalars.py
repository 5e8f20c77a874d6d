"""DateTime and Date: ISO 8601 strings on the wire, aware datetimes (UTC) and dates inside.

A DateTime without an offset is refused rather than guessed; output is always UTC with a Z.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from graphql import GraphQLError, GraphQLScalarType, StringValueNode, ValueNode

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _datetime_out(value: Any) -> str:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise GraphQLError(f"DateTime cannot represent {value!r}")
    moment: datetime = value.astimezone(UTC) if value.utcoffset() else value
    # An offset of zero always prints as +00:00: the Z replaces it.
    return moment.isoformat()[:-6] + "Z"


def _datetime_in(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise GraphQLError("DateTime must be ISO 8601 with an offset, e.g. 2026-11-29T16:37:00Z")
    return parsed.astimezone(UTC)


def _date_out(value: Any) -> str:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise GraphQLError(f"Date cannot represent {value!r}")
    return value.isoformat()


def _date_in(value: Any) -> date:
    try:
        if isinstance(value, str) and _DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise GraphQLError("Date must be an ISO 8601 calendar date, e.g. 2026-11-29")


def _from_literal(parse: Any) -> Any:
    def literal(node: ValueNode, _variables: Any = None) -> Any:
        if not isinstance(node, StringValueNode):
            raise GraphQLError("expected a string literal", node)
        return parse(node.value)

    return literal


def bind_scalars(datetime_type: GraphQLScalarType, date_type: GraphQLScalarType) -> None:
    datetime_type.coerce_output_value = _datetime_out
    datetime_type.coerce_input_value = _datetime_in
    datetime_type.coerce_input_literal = _from_literal(_datetime_in)
    date_type.coerce_output_value = _date_out
    date_type.coerce_input_value = _date_in
    date_type.coerce_input_literal = _from_literal(_date_in)
