"""Every client call needs a deadline, and the deadline reaches the server."""

from __future__ import annotations

import math
import time

import grpc
import grpc.aio
import pytest
from contracts_fakes import FakeSuites, ScriptedEfforts
from contracts_harness import GrpcHarness

from tcm_contracts.client import EffortClient, InvalidDeadlineError, TestSuiteClient
from tcm_contracts.generated.testsuite import v1


@pytest.mark.parametrize("bad_timeout", [None, 0, -1.0, math.inf, math.nan, True, "5"])
async def test_a_unary_call_without_a_usable_timeout_is_refused(
    grpc_harness: GrpcHarness, bad_timeout: object
) -> None:
    fake = FakeSuites()
    client = TestSuiteClient(await grpc_harness.channel_to(fake), token="t")

    with pytest.raises(InvalidDeadlineError):
        await client.list_test_suites(v1.ListTestSuitesRequest(), timeout=bad_timeout)  # type: ignore[arg-type]

    assert fake.calls == []


async def test_the_timeout_is_a_required_keyword(grpc_harness: GrpcHarness) -> None:
    client = TestSuiteClient(await grpc_harness.channel_to(FakeSuites()), token="t")

    with pytest.raises(TypeError, match="timeout"):
        await client.list_test_suites(v1.ListTestSuitesRequest())  # type: ignore[call-arg]


async def test_a_stream_without_a_timeout_is_refused_when_called_not_when_iterated(
    grpc_harness: GrpcHarness,
) -> None:
    fake = FakeSuites()
    client = TestSuiteClient(await grpc_harness.channel_to(fake), token="t")

    with pytest.raises(InvalidDeadlineError):
        client.watch_test_suite(v1.WatchTestSuiteRequest(id="x"), timeout=0)

    assert fake.calls == []


async def test_the_deadline_reaches_the_server(grpc_harness: GrpcHarness) -> None:
    fake = FakeSuites()
    client = TestSuiteClient(await grpc_harness.channel_to(fake), token="t")

    await client.list_test_suites(v1.ListTestSuitesRequest(), timeout=3)

    remaining = fake.calls[0].time_remaining
    assert remaining is not None
    assert 2 < remaining <= 3.1  # the server's clock reading is not exact


async def test_a_call_slower_than_its_deadline_fails_with_deadline_exceeded(
    grpc_harness: GrpcHarness,
) -> None:
    efforts = ScriptedEfforts(delay=1.0)
    client = EffortClient(await grpc_harness.channel_to(efforts), token="t")
    started = time.monotonic()

    with pytest.raises(grpc.aio.AioRpcError) as error:
        await client.list_effort_records(v1.ListEffortRecordsRequest(case_id="c"), timeout=0.2)

    assert error.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert time.monotonic() - started < 0.9
