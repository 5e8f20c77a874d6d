"""tcm_contracts.wire against betterproto2's own encoding, for every message of the testsuite.v1 package."""

from __future__ import annotations

import datetime as dt

import betterproto2
import pytest
from contracts_wire_samples import UNKNOWN_ENUM_VALUE, build, message_types, variants
from contracts_wire_shapes import Node, WithDuration, WithMap
from google.protobuf import message_factory
from google.protobuf.message import DecodeError
from google.protobuf.message import Message as UpbMessage

from tcm_contracts import wire
from tcm_contracts.generated.testsuite import v1

MESSAGE_TYPES = message_types()


def upb_type(message_type: type[betterproto2.Message]) -> type[UpbMessage]:
    return message_factory.GetMessageClass(message_type.DESCRIPTOR)  # type: ignore[attr-defined]


def test_every_message_of_the_package_is_sampled() -> None:
    names = {message_type.DESCRIPTOR.full_name for message_type in MESSAGE_TYPES}  # type: ignore[attr-defined]

    assert len(names) == len(MESSAGE_TYPES)
    assert {"testsuite.v1.TestCase", "testsuite.v1.ReportedResult", "testsuite.v1.GetTestSuiteResponse"} <= names


@pytest.mark.parametrize("message_type", MESSAGE_TYPES, ids=lambda message_type: message_type.__name__)
def test_serialize_encodes_what_betterproto2_encodes(message_type: type[betterproto2.Message]) -> None:
    for variant in variants(message_type):
        message = build(message_type, variant)

        encoded = wire.serialize(message)

        assert message_type.FromString(encoded) == message, variant
        assert upb_type(message_type).FromString(encoded) == upb_type(message_type).FromString(bytes(message))


@pytest.mark.parametrize("message_type", MESSAGE_TYPES, ids=lambda message_type: message_type.__name__)
def test_parser_decodes_what_betterproto2_decodes(message_type: type[betterproto2.Message]) -> None:
    parse = wire.parser(message_type)
    for variant in variants(message_type):
        message = build(message_type, variant)

        parsed = parse(bytes(message))

        assert parsed == message, variant
        # Same types too (enum members, aware datetimes), which == alone does not tell.
        assert type(parsed) is message_type
        assert repr(parsed) == repr(message_type.FromString(bytes(message)))


@pytest.mark.parametrize("message_type", MESSAGE_TYPES, ids=lambda message_type: message_type.__name__)
def test_an_empty_message_round_trips(message_type: type[betterproto2.Message]) -> None:
    assert wire.serialize(message_type()) == bytes(message_type()) == b""
    assert wire.parser(message_type)(b"") == message_type()


def test_an_unknown_enum_value_survives_both_ways() -> None:
    case = v1.TestCase(status=v1.TestCaseStatus(UNKNOWN_ENUM_VALUE))
    request = v1.CreateTestRunRequest(priorities=[v1.TestCasePriority.HIGH, v1.TestCasePriority(UNKNOWN_ENUM_VALUE)])

    parsed_case = wire.parser(v1.TestCase)(wire.serialize(case))
    parsed_request = wire.parser(v1.CreateTestRunRequest)(wire.serialize(request))

    assert isinstance(parsed_case.status, v1.TestCaseStatus)
    assert (parsed_case.status.value, parsed_case.status.name) == (UNKNOWN_ENUM_VALUE, "")
    assert parsed_request.priorities == [v1.TestCasePriority.HIGH, UNKNOWN_ENUM_VALUE]
    assert all(isinstance(priority, v1.TestCasePriority) for priority in parsed_request.priorities)


def test_an_enum_value_beyond_32_bits_is_refused_with_a_value_error() -> None:
    case = v1.TestCase(status=v1.TestCaseStatus(2**40))

    with pytest.raises(ValueError, match="out of range"):
        wire.serialize(case)


def test_a_naive_datetime_is_refused_as_betterproto2_refuses_it() -> None:
    case = v1.TestCase(created_at=dt.datetime(2026, 3, 14, 12))  # noqa: DTZ001 (the naive datetime under test)

    with pytest.raises(ValueError, match="timezone aware"):
        bytes(case)
    with pytest.raises(ValueError, match="timezone aware"):
        wire.serialize(case)


def test_nanoseconds_are_cut_to_microseconds_as_betterproto2_cuts_them() -> None:
    upb_case = upb_type(v1.TestCase)()
    upb_case.created_at.seconds = -1  # type: ignore[attr-defined]
    upb_case.created_at.nanos = 1_999  # type: ignore[attr-defined]
    encoded = upb_case.SerializeToString()

    parsed = wire.parser(v1.TestCase)(encoded)

    assert parsed.created_at == v1.TestCase.FromString(encoded).created_at
    assert parsed.created_at == dt.datetime(1969, 12, 31, 23, 59, 59, 1, tzinfo=dt.UTC)


def test_malformed_bytes_are_refused_with_a_decode_error() -> None:
    with pytest.raises(DecodeError):
        wire.parser(v1.TestCase)(b"\x0a\x05ab")  # a string field announcing 5 bytes, holding 2


def test_a_message_nested_in_itself_round_trips() -> None:
    tree = Node(name="root", child=Node(name="leaf", child=Node()))

    assert Node.FromString(wire.serialize(tree)) == tree
    assert wire.parser(Node)(bytes(tree)) == tree


@pytest.mark.parametrize(("message_type", "field"), [(WithMap, "labels"), (WithDuration, "timeout")])
def test_a_shape_the_contract_does_not_use_is_refused_when_planned(
    message_type: type[betterproto2.Message], field: str
) -> None:
    with pytest.raises(NotImplementedError, match=f"wire_shapes.{message_type.__name__}.{field}"):
        wire.parser(message_type)
    with pytest.raises(NotImplementedError):
        wire.serialize(message_type())
