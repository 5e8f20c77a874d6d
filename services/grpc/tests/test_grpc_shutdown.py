"""Graceful shutdown of the real process (`python -m tcm_grpc`): SIGTERM while calls are in flight.

Health turns NOT_SERVING at once; after the drain period new calls are refused; the calls in flight
still complete; the process exits with 0.
"""

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator

import grpc
import pytest
from grpc_harness import (
    TIMEOUT,
    Caller,
    inherited_environment,
    lock_waiters,
    new_suite,
    row_locked,
    service_environment,
)
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tcm_common.testing.service_process import free_port
from tcm_common.testing.waiting import eventually
from tcm_contracts.client import NO_RETRIES, Clients
from tcm_contracts.generated.testsuite import v1

NOT_SERVING: int = health_pb2.HealthCheckResponse.NOT_SERVING
SERVING: int = health_pb2.HealthCheckResponse.SERVING


async def health_status(channel: grpc.aio.Channel) -> int | None:
    try:
        response = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=1)
    except grpc.aio.AioRpcError:
        return None
    return int(response.status)


@pytest.fixture
async def service(database_url: str) -> AsyncIterator[tuple[asyncio.subprocess.Process, int]]:
    """`python -m tcm_grpc` on a free port, serving; killed if a test leaves it running."""
    port = free_port()
    # The child imports what this test imports: the sources and packages on this interpreter's path.
    env = {
        **inherited_environment(),
        **service_environment(database_url, port),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tcm_grpc",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:

            async def serving() -> bool:
                assert process.returncode is None, "the service exited"
                return await health_status(channel) == SERVING

            await eventually(serving, within=30)
        yield process, port
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_sigterm_lets_calls_in_flight_finish_after_turning_not_serving_and_refusing_new_calls(
    service: tuple[asyncio.subprocess.Process, int], manager: Caller, database_url: str
) -> None:
    process, port = service
    first, second, other = [await new_suite(manager.clients) for _ in range(3)]
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        clients = Clients.over(channel, token=manager.token, retry=NO_RETRIES)
        async with row_locked(database_url, first.id), row_locked(database_url, second.id):
            in_flight = [
                asyncio.ensure_future(
                    clients.suites.delete_test_suite(v1.DeleteTestSuiteRequest(id=suite.id), timeout=30)
                )
                for suite in (first, second)
            ]
            async def both_wait() -> bool:
                return await lock_waiters(database_url) == 2

            await eventually(both_wait, what="both deletes waiting for their row locks")
            process.send_signal(signal.SIGTERM)

            async def not_serving() -> bool:
                return await health_status(channel) == NOT_SERVING

            refusals: list[grpc.StatusCode] = []

            async def refused() -> bool:
                try:
                    await clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=other.id), timeout=TIMEOUT)
                except grpc.aio.AioRpcError as error:
                    refusals.append(error.code())
                    return True
                return False

            await eventually(not_serving, within=2)
            assert not await refused(), f"a call during the drain period was refused: {refusals}"
            await eventually(refused, within=10)
            assert not any(call.done() for call in in_flight)
        # The row locks are released: the calls in flight complete.
        await asyncio.wait_for(asyncio.gather(*in_flight), timeout=10)
        output, _ = await asyncio.wait_for(process.communicate(), timeout=30)

    assert process.returncode == 0, output.decode()
    # Refused, never run: UNAVAILABLE from the service while it stops, or CANCELLED when the call reaches
    # the transport just as grpc core shuts it down (which of the two depends on that race, not on us).
    assert len(refusals) == 1
    assert refusals[0] in {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED}
    for suite in (first, second):
        with pytest.raises(grpc.aio.AioRpcError) as deleted:
            await manager.clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=suite.id), timeout=TIMEOUT)
        assert deleted.value.code() == grpc.StatusCode.NOT_FOUND
