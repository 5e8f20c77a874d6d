"""Server reflection over betterproto2's descriptors.

betterproto2 keeps its descriptors in a pool of its own (not protobuf's default pool), and the health
and reflection services are protobuf-generated into the default pool. `reflection_descriptor_pool()`
returns betterproto2's pool with the health and reflection files added, so that one pool describes
every service the gRPC server offers:

    from grpc_reflection.v1alpha import reflection

    reflection.enable_server_reflection(
        reflection_service_names(), server, pool=reflection_descriptor_pool()
    )
"""

from __future__ import annotations

from google.protobuf.descriptor import FileDescriptor
from google.protobuf.descriptor_pool import DescriptorPool
from grpc_health.v1 import health, health_pb2
from grpc_reflection.v1alpha import reflection, reflection_pb2

from tcm_contracts.descriptors import descriptor_pool, service_names


def reflection_descriptor_pool() -> DescriptorPool:
    """betterproto2's descriptor pool, completed with the health and reflection descriptors."""
    pool = descriptor_pool()
    for file in (health_pb2.DESCRIPTOR, reflection_pb2.DESCRIPTOR):
        _add_file(pool, file)
    return pool


def reflection_service_names() -> tuple[str, ...]:
    """What reflection lists: the testsuite.v1 services, health and reflection itself."""
    return (*service_names(), str(health.SERVICE_NAME), str(reflection.SERVICE_NAME))


def _add_file(pool: DescriptorPool, file: FileDescriptor) -> None:
    # types-protobuf leaves DescriptorPool's methods unannotated.
    try:
        pool.FindFileByName(file.name)  # type: ignore[no-untyped-call]
    except KeyError:
        pool.AddSerializedFile(file.serialized_pb)  # type: ignore[no-untyped-call]
