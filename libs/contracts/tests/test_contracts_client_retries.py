"""Retries: only idempotent reads, only on UNAVAILABLE, bounded in attempts and by the deadline."""

from __future__ import annotations

import asyncio
import socket
import time

import grpc
import grpc.aio
import pytest
from contracts_fakes import ScriptedEfforts
from contracts_harness import GrpcHarness

from tcm_contracts.client import NO_RETRIES, EffortClient, RetryPolicy
from tcm_contracts.generated.testsuite import v1
from tcm_contracts.service_handlers import add_servicer

FAST = RetryPolicy(max_attempts=3, initial_backoff=0.01, max_backoff=0.02)
UNAVAILABLE = grpc.StatusCode.UNAVAILABLE
LIST = v1.ListEffortRecordsRequest(case_id="c")
RECORD = v1.RecordEffortRequest(case_id="c", date=v1.Date(year=2026, month=11, day=2), hours=1)


async def client_for(
    harness: GrpcHarness, efforts: ScriptedEfforts, retry: RetryPolicy = FAST
) -> EffortClient:
    return EffortClient(await harness.channel_to(efforts), token="t", retry=retry)


async def test_a_read_is_retried_on_unavailable_until_it_succeeds(grpc_harness: GrpcHarness) -> None:
    efforts = ScriptedEfforts(failures={"ListEffortRecords": [UNAVAILABLE, UNAVAILABLE]})
    client = await client_for(grpc_harness, efforts)

    response = await client.list_effort_records(LIST, timeout=5)

    assert response.total_hours == 1.5
    assert efforts.calls == {"ListEffortRecords": 3}


async def test_retries_of_a_read_stop_after_max_attempts(grpc_harness: GrpcHarness) -> None:
    efforts = ScriptedEfforts(failures={"ListEffortRecords": [UNAVAILABLE] * 5})
    client = await client_for(grpc_harness, efforts)

    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.list_effort_records(LIST, timeout=5)

    assert error.value.code() == UNAVAILABLE
    assert efforts.calls == {"ListEffortRecords": 3}


async def test_a_write_is_never_retried(grpc_harness: GrpcHarness) -> None:
    efforts = ScriptedEfforts(failures={"RecordEffort": [UNAVAILABLE]})
    client = await client_for(grpc_harness, efforts)

    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.record_effort(RECORD, timeout=5)

    assert error.value.code() == UNAVAILABLE
    assert efforts.calls == {"RecordEffort": 1}


@pytest.mark.parametrize(
    "code", [grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INTERNAL, grpc.StatusCode.RESOURCE_EXHAUSTED]
)
async def test_a_read_is_not_retried_on_other_codes(grpc_harness: GrpcHarness, code: grpc.StatusCode) -> None:
    efforts = ScriptedEfforts(failures={"ListEffortRecords": [code]})
    client = await client_for(grpc_harness, efforts)

    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.list_effort_records(LIST, timeout=5)

    assert error.value.code() == code
    assert efforts.calls == {"ListEffortRecords": 1}


async def test_retries_never_outlast_the_deadline(grpc_harness: GrpcHarness) -> None:
    efforts = ScriptedEfforts(failures={"ListEffortRecords": [UNAVAILABLE] * 10})
    slow_backoff = RetryPolicy(max_attempts=10, initial_backoff=1.0, max_backoff=1.0, multiplier=1.0)
    client = await client_for(grpc_harness, efforts, retry=slow_backoff)
    started = time.monotonic()

    with pytest.raises(grpc.aio.AioRpcError):
        await client.list_effort_records(LIST, timeout=0.3)

    assert time.monotonic() - started < 0.6
    assert efforts.calls["ListEffortRecords"] < 10


async def test_no_retries_policy_makes_one_attempt(grpc_harness: GrpcHarness) -> None:
    efforts = ScriptedEfforts(failures={"ListEffortRecords": [UNAVAILABLE]})
    client = await client_for(grpc_harness, efforts, retry=NO_RETRIES)

    with pytest.raises(grpc.aio.AioRpcError):
        await client.list_effort_records(LIST, timeout=5)

    assert efforts.calls == {"ListEffortRecords": 1}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def test_a_read_is_retried_until_the_server_comes_up(grpc_harness: GrpcHarness) -> None:
    port = free_port()  # nothing listens yet: connections are refused (UNAVAILABLE)
    channel = grpc_harness.channel(f"127.0.0.1:{port}", options=[("grpc.initial_reconnect_backoff_ms", 50)])
    patient = RetryPolicy(max_attempts=30, initial_backoff=0.05, max_backoff=0.2)
    client = EffortClient(channel, token="t", retry=patient)

    call = asyncio.create_task(client.list_effort_records(LIST, timeout=10))
    # A refused connection attempt (the channel announces it): the client is retrying; the call goes on.
    async with asyncio.timeout(10):
        state = channel.get_state(try_to_connect=True)
        while state is not grpc.ChannelConnectivity.TRANSIENT_FAILURE:
            await channel.wait_for_state_change(state)
            state = channel.get_state()
    assert not call.done()
    efforts = ScriptedEfforts()
    server = grpc.aio.server()
    add_servicer(server, efforts)
    server.add_insecure_port(f"127.0.0.1:{port}")
    grpc_harness.servers.append(server)
    await server.start()

    assert (await call).total_hours == 1.5
    assert efforts.calls == {"ListEffortRecords": 1}


async def test_a_write_fails_at_once_when_the_server_is_down(grpc_harness: GrpcHarness) -> None:
    client = EffortClient(grpc_harness.channel(f"127.0.0.1:{free_port()}"), token="t", retry=FAST)
    started = time.monotonic()

    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.record_effort(RECORD, timeout=10)

    assert error.value.code() == UNAVAILABLE
    assert time.monotonic() - started < 2


def test_backoff_grows_and_is_capped() -> None:
    policy = RetryPolicy(initial_backoff=0.1, max_backoff=0.3, multiplier=2)

    assert all(0 <= policy.backoff(1) <= 0.1 for _ in range(50))
    assert all(0 <= policy.backoff(2) <= 0.2 for _ in range(50))
    assert all(0 <= policy.backoff(5) <= 0.3 for _ in range(50))


@pytest.mark.parametrize(
    "settings",
    [
        {"max_attempts": 0},
        {"initial_backoff": 0},
        {"initial_backoff": 1, "max_backoff": 0.5},
        {"multiplier": 0.5},
    ],
)
def test_nonsense_retry_policies_are_refused(settings: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must"):
        RetryPolicy(**settings)  # type: ignore[arg-type]
