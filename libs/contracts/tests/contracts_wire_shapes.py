# betterproto2.field builds the dataclass field, as in the generated code.
# ruff: noqa: RUF009
"""Message shapes the testsuite.v1 contract does not have, for the wire tests: a message nested in
itself, a map and a well-known type other than Timestamp. Their descriptors live in a pool of their
own, as betterproto2 would register them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Final

import betterproto2
from google.protobuf import descriptor_pb2, duration_pb2
from google.protobuf.descriptor import Descriptor, FileDescriptor
from google.protobuf.descriptor_pool import DescriptorPool

_FIELD: Final = descriptor_pb2.FieldDescriptorProto


def _shapes_file() -> FileDescriptor:
    pool = DescriptorPool()
    pool.AddSerializedFile(duration_pb2.DESCRIPTOR.serialized_pb)  # type: ignore[no-untyped-call]
    file = descriptor_pb2.FileDescriptorProto(
        name="wire_shapes.proto",
        package="wire_shapes",
        syntax="proto3",
        dependency=["google/protobuf/duration.proto"],
    )
    node = file.message_type.add(name="Node")
    node.field.add(name="name", number=1, type=_FIELD.TYPE_STRING, label=_FIELD.LABEL_OPTIONAL)
    node.field.add(
        name="child", number=2, type=_FIELD.TYPE_MESSAGE, label=_FIELD.LABEL_OPTIONAL, type_name=".wire_shapes.Node"
    )
    with_map = file.message_type.add(name="WithMap")
    entry = with_map.nested_type.add(name="LabelsEntry")
    entry.options.map_entry = True
    entry.field.add(name="key", number=1, type=_FIELD.TYPE_STRING, label=_FIELD.LABEL_OPTIONAL)
    entry.field.add(name="value", number=2, type=_FIELD.TYPE_STRING, label=_FIELD.LABEL_OPTIONAL)
    with_map.field.add(
        name="labels",
        number=1,
        type=_FIELD.TYPE_MESSAGE,
        label=_FIELD.LABEL_REPEATED,
        type_name=".wire_shapes.WithMap.LabelsEntry",
    )
    with_duration = file.message_type.add(name="WithDuration")
    with_duration.field.add(
        name="timeout",
        number=1,
        type=_FIELD.TYPE_MESSAGE,
        label=_FIELD.LABEL_OPTIONAL,
        type_name=".google.protobuf.Duration",
    )
    return pool.Add(file)  # type: ignore[no-untyped-call,no-any-return]


_SHAPES: Final = _shapes_file()


@dataclass(eq=False, repr=False)
class Node(betterproto2.Message):
    DESCRIPTOR: ClassVar[Descriptor] = _SHAPES.message_types_by_name["Node"]

    name: str = betterproto2.field(1, betterproto2.TYPE_STRING)
    child: Node | None = betterproto2.field(2, betterproto2.TYPE_MESSAGE)


@dataclass(eq=False, repr=False)
class WithMap(betterproto2.Message):
    DESCRIPTOR: ClassVar[Descriptor] = _SHAPES.message_types_by_name["WithMap"]

    labels: dict[str, str] = betterproto2.field(
        1, betterproto2.TYPE_MAP, map_meta=betterproto2.map_meta(betterproto2.TYPE_STRING, betterproto2.TYPE_STRING)
    )


@dataclass(eq=False, repr=False)
class WithDuration(betterproto2.Message):
    DESCRIPTOR: ClassVar[Descriptor] = _SHAPES.message_types_by_name["WithDuration"]

    timeout: dt.timedelta | None = betterproto2.field(1, betterproto2.TYPE_MESSAGE)
