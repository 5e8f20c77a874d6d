"""The contract's betterproto2 messages on the wire through the standard protobuf runtime (upb, in C).

betterproto2 encodes and decodes in pure Python, which made serialisation the bottleneck of the gRPC
service (docs/decisions/0009-grpc-wire-through-upb.md). Service and client code keep betterproto2
messages; on the way out a message is copied field by field into the upb class generated from the same
descriptor (`message_factory.GetMessageClass`), which serialises in C, and on the way in the upb parse
is copied back. What to copy, and how, is planned once per message class from the descriptor and
betterproto2's field metadata, so a call does no reflection.

What a copy keeps, as betterproto2's own encoding does: proto3 presence (`None` for an unset optional
field, oneof alternative or message), enum values the contract does not know (as betterproto2's
unknown enum members), `google.protobuf.Timestamp` as an aware `datetime` (a naive one is refused with
betterproto2's ValueError). What it does not: unknown fields (betterproto2 keeps the bytes it could not
place; here they are dropped), maps and well-known types other than Timestamp - the contract has
none, and planning such a message fails at once with NotImplementedError (the wire tests plan every
message of the package, so a contract change that needs them fails there first).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import threading
from collections.abc import Callable, Iterable
from typing import Any, Final, TypeVar, cast

import betterproto2
from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message as UpbMessage

MessageT = TypeVar("MessageT", bound=betterproto2.Message)

_Convert = Callable[[Any], Any]
_Outbound = tuple[str, str, _Convert | None]
"""betterproto2 field name, upb field name, conversion of a set value (None: taken as it is)."""
_Inbound = tuple[str, str, _Convert | None, bool]
"""betterproto2 field name, upb field name, conversion (None: taken as it is), has presence."""

_TIMESTAMP: Final = "google.protobuf.Timestamp"
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def serialize(message: betterproto2.Message) -> bytes:
    """The wire bytes of a betterproto2 message, encoded by upb."""
    plan = _plans.get(type(message)) or _plan(type(message))
    return _to_upb(plan, message).SerializeToString()


def parser(message_type: type[MessageT]) -> Callable[[bytes], MessageT]:
    """A parser of wire bytes into `message_type`, decoded by upb; DecodeError for malformed bytes."""
    known = _parsers.get(message_type)
    if known is None:
        known = _parsers[message_type] = _parser(_plan(message_type))
    return cast(Callable[[bytes], MessageT], known)


@dataclasses.dataclass(slots=True, eq=False)
class _Plan:
    """How to copy one message class to its upb class and back; filled once by `_draft`."""

    betterproto_type: type[betterproto2.Message]
    upb_type: type[UpbMessage]
    outbound: tuple[_Outbound, ...] = ()
    inbound: tuple[_Inbound, ...] = ()


_Drafts = dict[type[betterproto2.Message], _Plan]
_plans: _Drafts = {}
_planning = threading.Lock()
_parsers: dict[type[betterproto2.Message], Callable[[bytes], betterproto2.Message]] = {}


def _parser(plan: _Plan) -> Callable[[bytes], betterproto2.Message]:
    parse_upb = plan.upb_type.FromString

    def parse(data: bytes) -> betterproto2.Message:
        return _from_upb(plan, parse_upb(data))

    return parse


def _to_upb(plan: _Plan, message: betterproto2.Message) -> UpbMessage:
    values: dict[str, Any] = {}
    for name, upb_name, convert in plan.outbound:
        value = getattr(message, name)
        if value is not None:  # unset: an optional field, oneof alternative or message
            values[upb_name] = value if convert is None else convert(value)
    return plan.upb_type(**values)


def _from_upb(plan: _Plan, upb: UpbMessage) -> betterproto2.Message:
    values: dict[str, Any] = {}
    for name, upb_name, convert, has_presence in plan.inbound:
        if has_presence and not upb.HasField(upb_name):
            values[name] = None
            continue
        value = getattr(upb, upb_name)
        values[name] = value if convert is None else convert(value)
    return plan.betterproto_type(**values)


def _plan(message_type: type[betterproto2.Message]) -> _Plan:
    """The plan of a message class, made on first use with the plans of the messages it holds. They are
    published together once complete, so no caller sees a plan half made."""
    known = _plans.get(message_type)
    if known is not None:
        return known
    with _planning:
        drafts: _Drafts = {}
        plan = _draft(message_type, drafts)
        _plans.update(drafts)
    return plan


def _draft(message_type: type[betterproto2.Message], drafts: _Drafts) -> _Plan:
    """A plan, registered among the drafts before its fields are planned so that a message type nested
    in itself refers to the same plan."""
    known = _plans.get(message_type) or drafts.get(message_type)
    if known is not None:
        return known
    descriptor: Descriptor = message_type.DESCRIPTOR  # type: ignore[attr-defined]  # betterproto2 staticproperty
    plan = drafts[message_type] = _Plan(message_type, message_factory.GetMessageClass(descriptor))
    outbound: list[_Outbound] = []
    inbound: list[_Inbound] = []
    for field in dataclasses.fields(message_type):  # type: ignore[arg-type]  # betterproto2 messages are dataclasses
        proto_field = descriptor.fields_by_number[betterproto2.FieldMetadata.get(field).number]
        to_upb, from_upb = _conversions(message_type, field.name, proto_field, drafts)
        outbound.append((field.name, proto_field.name, to_upb))
        inbound.append((field.name, proto_field.name, from_upb, proto_field.has_presence))
    plan.outbound = tuple(outbound)
    plan.inbound = tuple(inbound)
    return plan


def _conversions(
    message_type: type[betterproto2.Message], name: str, proto_field: FieldDescriptor, drafts: _Drafts
) -> tuple[_Convert | None, _Convert | None]:
    """How one field's value goes to upb and back, element by element for a repeated field."""
    if proto_field.message_type is not None and proto_field.message_type.GetOptions().map_entry:
        raise NotImplementedError(f"{proto_field.full_name}: maps are not carried by tcm_contracts.wire")
    python_type: type = _metadata(message_type).cls_by_field[name]
    to_upb, from_upb = _element_conversions(python_type, proto_field, drafts)
    if not proto_field.is_repeated:
        return to_upb, from_upb
    return (
        None if to_upb is None else _each(to_upb),
        list if from_upb is None else _each(from_upb),
    )


def _element_conversions(
    python_type: type, proto_field: FieldDescriptor, drafts: _Drafts
) -> tuple[_Convert | None, _Convert | None]:
    if proto_field.type == FieldDescriptor.TYPE_ENUM:
        # upb takes the IntEnum member as the int it is and gives back ints, which the betterproto2 enum
        # turns into its members (an unknown value into an unknown member, as betterproto2's parse does).
        return None, python_type
    if proto_field.type != FieldDescriptor.TYPE_MESSAGE:
        return None, None
    if proto_field.message_type.full_name == _TIMESTAMP:
        return _timestamp_writer(message_factory.GetMessageClass(proto_field.message_type)), _datetime
    if not issubclass(python_type, betterproto2.Message) or proto_field.message_type.full_name.startswith(
        "google.protobuf."
    ):
        raise NotImplementedError(
            f"{proto_field.full_name}: {proto_field.message_type.full_name} is not carried by tcm_contracts.wire"
        )
    child = _draft(python_type, drafts)
    return functools.partial(_to_upb, child), functools.partial(_from_upb, child)


def _each(convert: _Convert) -> _Convert:
    def each(values: Iterable[Any]) -> list[Any]:
        return [convert(value) for value in values]

    return each


def _timestamp_writer(timestamp_type: type[UpbMessage]) -> Callable[[dt.datetime], UpbMessage]:
    """As betterproto2's `Timestamp.from_datetime`: an aware datetime, to the microsecond."""

    def write(moment: dt.datetime) -> UpbMessage:
        if moment.tzinfo is None:
            raise ValueError("datetime must be timezone aware")
        offset = moment - _EPOCH
        return timestamp_type(seconds=offset.days * 86_400 + offset.seconds, nanos=offset.microseconds * 1_000)

    return write


def _datetime(timestamp: Any) -> dt.datetime:
    """As betterproto2's `Timestamp.to_datetime`: UTC, nanoseconds cut to microseconds."""
    return _EPOCH + dt.timedelta(0, timestamp.seconds, timestamp.nanos // 1_000)


def _metadata(message_type: type[betterproto2.Message]) -> betterproto2.ProtoClassMetadata:
    """betterproto2's field metadata of a message class (its classproperty `_betterproto`, which its
    type hints make unusable on a `type[Message]`)."""
    metadata: betterproto2.ProtoClassMetadata = cast(Any, message_type)._betterproto
    return metadata
