"""Instances of every testsuite.v1 message, generated from the descriptors, for the wire tests.

Each field gets a value for its type (a non-default one, or the zero value of the type for an optional
field set to zero), every alternative of each oneof is taken in turn, optional fields are set and unset,
repeated fields are empty or hold two elements, and enum fields can hold values the contract does not
know.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final, cast

import betterproto2
from google.protobuf.descriptor import Descriptor, FieldDescriptor

from tcm_contracts import descriptors

UNKNOWN_ENUM_VALUE: Final = 99
"""Not a value of any enum of the contract."""

_SCALARS: Final[dict[int, tuple[Any, Any, Any]]] = {
    # cpp type: (a value, another value, the zero value)
    FieldDescriptor.CPPTYPE_INT32: (-123_456, 2**31 - 1, 0),
    FieldDescriptor.CPPTYPE_INT64: (-(2**40) - 5, 2**63 - 1, 0),
    FieldDescriptor.CPPTYPE_UINT32: (4_000_000_000, 7, 0),
    FieldDescriptor.CPPTYPE_UINT64: (2**63 + 5, 7, 0),
    FieldDescriptor.CPPTYPE_DOUBLE: (2.5, -1e300, 0.0),
    FieldDescriptor.CPPTYPE_FLOAT: (1.5, -0.25, 0.0),
    FieldDescriptor.CPPTYPE_BOOL: (True, False, False),
}
_STRINGS: Final = ("värde ✓", "b", "")
_BYTES: Final = (b"\x00\xff", b"b", b"")
_MOMENTS: Final = (
    dt.datetime(2026, 3, 14, 12, 30, 45, 123_456, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    dt.datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.UTC),
    dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
)


@dataclass(frozen=True, slots=True)
class Variant:
    """How to fill a message: which value each field takes."""

    name: str
    index: int = 0
    """0: a value, 1: another value, 2: the zero value (for optional fields set to zero)."""
    optional_set: bool = True
    repeated_count: int = 2
    unknown_enums: bool = False
    oneof_choice: int = 0
    """Which alternative of every oneof is set (modulo its number of alternatives)."""


def message_types() -> list[type[betterproto2.Message]]:
    """The betterproto2 class of every message of the testsuite.v1 package, nested ones too."""
    found: list[Descriptor] = []
    for file in descriptors.package_files():
        for message in file.message_types_by_name.values():
            found.extend(_with_nested(message))
    return [descriptors.message_type(message.full_name) for message in found]


def variants(message_type: type[betterproto2.Message]) -> Iterator[Variant]:
    """The variants worth building for a message type: one per oneof alternative, optional fields set
    and unset, set to zero, repeated fields empty, enum values unknown."""
    descriptor = _descriptor(message_type)
    alternatives = max((len(oneof.fields) for oneof in _real_oneofs(descriptor)), default=1)
    for choice in range(alternatives):
        yield Variant(f"full-oneof{choice}", oneof_choice=choice)
    yield Variant("other-values", index=1)
    yield Variant("optional-unset-repeated-empty", optional_set=False, repeated_count=0)
    yield Variant("optional-zero", index=2, repeated_count=1)
    yield Variant("unknown-enums", unknown_enums=True)


def build(message_type: type[betterproto2.Message], variant: Variant, depth: int = 0) -> betterproto2.Message:
    """An instance of `message_type` filled as `variant` says."""
    descriptor = _descriptor(message_type)
    names = _metadata(message_type).field_name_by_number
    chosen = {oneof.fields[variant.oneof_choice % len(oneof.fields)].name for oneof in _real_oneofs(descriptor)}
    values: dict[str, Any] = {}
    for field in descriptor.fields:
        if _is_left_unset(field, variant, chosen, depth):
            continue
        name = names[field.number]
        if field.is_repeated:
            values[name] = [_value(message_type, name, field, variant, index, depth) for index in range(2)][
                : variant.repeated_count
            ]
        else:
            values[name] = _value(message_type, name, field, variant, variant.index, depth)
    return message_type(**values)


def _is_left_unset(field: FieldDescriptor, variant: Variant, chosen: set[str], depth: int) -> bool:
    oneof = field.containing_oneof
    if oneof is not None and not _is_synthetic(oneof):
        return field.name not in chosen
    if field.message_type is not None and depth > 3:  # bounds a message nested in itself
        return True
    return field.has_presence and not variant.optional_set


def _value(
    message_type: type[betterproto2.Message],
    name: str,
    field: FieldDescriptor,
    variant: Variant,
    index: int,
    depth: int,
) -> Any:
    python_type: type = _metadata(message_type).cls_by_field[name]
    if field.type == FieldDescriptor.TYPE_ENUM:
        return _enum_value(python_type, variant, index)
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        if field.message_type.full_name == "google.protobuf.Timestamp":
            return _MOMENTS[index]
        return build(descriptors.message_type(field.message_type.full_name), variant, depth + 1)
    if field.type == FieldDescriptor.TYPE_STRING:
        return _STRINGS[index]
    if field.type == FieldDescriptor.TYPE_BYTES:
        return _BYTES[index]
    return _SCALARS[field.cpp_type][index]


def _enum_value(enum_type: type[betterproto2.Enum], variant: Variant, index: int) -> betterproto2.Enum:
    if variant.unknown_enums and index == 0:
        return enum_type(UNKNOWN_ENUM_VALUE)
    members = list(enum_type)
    return (members[-1], members[1 % len(members)], members[0])[index]


def _descriptor(message_type: type[betterproto2.Message]) -> Descriptor:
    descriptor: Descriptor = message_type.DESCRIPTOR  # type: ignore[attr-defined]  # betterproto2 staticproperty
    return descriptor


def _real_oneofs(descriptor: Descriptor) -> list[Any]:
    return [oneof for oneof in descriptor.oneofs if not _is_synthetic(oneof)]


def _is_synthetic(oneof: Any) -> bool:
    """The oneof of its own that a proto3 `optional` field gets, named `_<field>`."""
    return len(oneof.fields) == 1 and oneof.name == f"_{oneof.fields[0].name}"


def _with_nested(message: Descriptor) -> Iterator[Descriptor]:
    yield message
    for nested in message.nested_types:
        yield from _with_nested(nested)


def _metadata(message_type: type[betterproto2.Message]) -> betterproto2.ProtoClassMetadata:
    """betterproto2's field metadata of a message class (its classproperty `_betterproto`, which its
    type hints make unusable on a `type[Message]`)."""
    metadata: betterproto2.ProtoClassMetadata = cast(Any, message_type)._betterproto
    return metadata
