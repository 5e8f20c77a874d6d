"""The testsuite.v1 RPCs as the generated descriptors describe them.

Both the server adapter and the client read the contract from here rather than wiring methods by
hand: path, request and response classes, streaming and idempotency all come from the descriptors
that betterproto2 registered in `tcm_contracts.generated.google_proto_descriptor_pool`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

import betterproto2
from betterproto2.casing import snake_case
from google.protobuf import descriptor_pb2
from google.protobuf.descriptor import FileDescriptor, MethodDescriptor
from google.protobuf.descriptor_pool import DescriptorPool

from tcm_contracts.generated.google_proto_descriptor_pool import default_google_proto_descriptor_pool
from tcm_contracts.generated.message_pool import default_message_pool
from tcm_contracts.generated.testsuite import v1

PACKAGE: Final = "testsuite.v1"
TEST_SUITE_SERVICE: Final = "testsuite.v1.TestSuiteService"
TEST_GROUP_SERVICE: Final = "testsuite.v1.TestGroupService"
TEST_CASE_SERVICE: Final = "testsuite.v1.TestCaseService"
EFFORT_SERVICE: Final = "testsuite.v1.EffortService"
TEST_RUN_SERVICE: Final = "testsuite.v1.TestRunService"

_IDEMPOTENT_LEVELS: Final = frozenset(
    {descriptor_pb2.MethodOptions.NO_SIDE_EFFECTS, descriptor_pb2.MethodOptions.IDEMPOTENT}
)


@dataclass(frozen=True, slots=True)
class Rpc:
    """One RPC of the contract."""

    service: str
    """Full service name, e.g. `testsuite.v1.TestSuiteService`."""
    name: str
    """RPC name as in the .proto file, e.g. `GetTestSuite`."""
    python_name: str
    """Method name of servicers and clients, e.g. `get_test_suite`."""
    request_type: type[betterproto2.Message]
    response_type: type[betterproto2.Message]
    server_streaming: bool
    idempotent: bool
    """The .proto marks it `idempotency_level = NO_SIDE_EFFECTS` (a read) or `IDEMPOTENT`."""
    client_streaming: bool = False

    @property
    def path(self) -> str:
        """The HTTP/2 path of the RPC, e.g. `/testsuite.v1.TestSuiteService/GetTestSuite`."""
        return f"/{self.service}/{self.name}"


def descriptor_pool() -> DescriptorPool:
    """The pool holding the descriptors of every generated file (testsuite.v1 and its imports)."""
    return default_google_proto_descriptor_pool


def package_files() -> tuple[FileDescriptor, ...]:
    """The file descriptors of the testsuite.v1 package."""
    files = (value for value in vars(v1).values() if isinstance(value, FileDescriptor))
    return tuple(sorted(files, key=lambda file: str(file.name)))


def service_names() -> tuple[str, ...]:
    """Full names of every service of the testsuite.v1 package, sorted."""
    return tuple(
        sorted(
            str(service.full_name) for file in package_files() for service in file.services_by_name.values()
        )
    )


@functools.cache
def service_rpcs(service: str) -> tuple[Rpc, ...]:
    """Every RPC of a service in declaration order; KeyError for an unknown service."""
    descriptor = descriptor_pool().FindServiceByName(service)  # type: ignore[no-untyped-call]
    return tuple(_rpc(service, method) for method in descriptor.methods)


def find_rpc(service: str, name: str) -> Rpc:
    """One RPC by service and RPC name; KeyError when the contract has no such RPC."""
    for rpc in service_rpcs(service):
        if rpc.name == name:
            return rpc
    raise KeyError(f"{service} has no RPC {name}")


def message_type(full_name: str) -> type[betterproto2.Message]:
    """The betterproto2 class of a message, by its full protobuf name."""
    return default_message_pool.url_to_type[f"type.googleapis.com/{full_name}"]


def _rpc(service: str, method: MethodDescriptor) -> Rpc:
    if method.client_streaming and method.server_streaming:
        raise NotImplementedError(f"{method.full_name}: bidirectional streaming is not supported")
    options = method.GetOptions()
    return Rpc(
        service=service,
        name=str(method.name),
        python_name=snake_case(str(method.name)),
        request_type=message_type(str(method.input_type.full_name)),
        response_type=message_type(str(method.output_type.full_name)),
        server_streaming=method.server_streaming,
        client_streaming=method.client_streaming,
        idempotent=options.idempotency_level in _IDEMPOTENT_LEVELS,
    )
