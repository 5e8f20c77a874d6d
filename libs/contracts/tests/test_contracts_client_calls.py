"""Unary and server-streaming calls through the typed clients against a real grpc.aio server."""

from __future__ import annotations

import asyncio
import contextlib
import datetime

import grpc
import grpc.aio
import pytest
from contracts_fakes import FakeSuites, ScriptedEfforts
from contracts_harness import GrpcHarness

from tcm_contracts.client import Clients, EffortClient, TestSuiteClient
from tcm_contracts.generated.testsuite import v1

TIMEOUT = 5.0


async def test_unary_calls_round_trip_every_field_kind(grpc_harness: GrpcHarness) -> None:
    client = TestSuiteClient(await grpc_harness.channel_to(FakeSuites()), token="t0k3n")

    created = await client.create_test_suite(
        v1.CreateTestSuiteRequest(
            name="Release 1.2",
            description="regression",
            estimated_start_date=v1.Date(year=2026, month=12, day=1),
            estimated_end_date=v1.Date(year=2026, month=12, day=24),
            require_effort_comment=True,
        ),
        timeout=TIMEOUT,
    )
    suite = created.test_suite
    assert suite is not None
    assert suite.name == "Release 1.2"
    assert suite.description == "regression"
    assert suite.status is v1.TestSuiteStatus.PREPARATION
    assert suite.estimated_end_date == v1.Date(year=2026, month=12, day=24)
    assert suite.require_effort_comment is True
    assert isinstance(suite.created_at, datetime.datetime)
    assert suite.created_at.tzinfo is not None

    fetched = await client.get_test_suite(v1.GetTestSuiteRequest(id=suite.id), timeout=TIMEOUT)
    assert fetched.test_suite == suite

    updated = await client.update_test_suite(
        v1.UpdateTestSuiteRequest(id=suite.id, version=1, description=""), timeout=TIMEOUT
    )
    assert updated.test_suite is not None
    assert updated.test_suite.version == 2
    assert updated.test_suite.name == "Release 1.2"  # unset optional field: unchanged
    assert updated.test_suite.description is None  # empty string: cleared


async def test_optional_fields_keep_presence_on_the_wire(grpc_harness: GrpcHarness) -> None:
    fake = FakeSuites()
    client = TestSuiteClient(await grpc_harness.channel_to(fake), token="t")
    created = await client.create_test_suite(v1.CreateTestSuiteRequest(name="a"), timeout=TIMEOUT)
    assert created.test_suite is not None
    assert created.test_suite.description is None
    assert created.test_suite.estimated_start_date is None

    update = v1.UpdateTestSuiteRequest(id=created.test_suite.id, version=1, name="")
    assert v1.UpdateTestSuiteRequest.FromString(bytes(update)).name == ""  # set to empty, not unset


async def test_list_pages_with_tokens(grpc_harness: GrpcHarness) -> None:
    client = TestSuiteClient(await grpc_harness.channel_to(FakeSuites()), token="t")
    for name in ("alpha", "beta", "gamma"):
        await client.create_test_suite(v1.CreateTestSuiteRequest(name=name), timeout=TIMEOUT)

    first = await client.list_test_suites(v1.ListTestSuitesRequest(page_size=2), timeout=TIMEOUT)
    second = await client.list_test_suites(
        v1.ListTestSuitesRequest(page_size=2, page_token=first.next_page_token), timeout=TIMEOUT
    )

    assert [suite.name for suite in first.test_suites + second.test_suites] == ["alpha", "beta", "gamma"]
    assert first.total_count == 3
    assert second.next_page_token == ""


async def test_errors_arrive_with_their_status_code(grpc_harness: GrpcHarness) -> None:
    client = TestSuiteClient(await grpc_harness.channel_to(FakeSuites()), token="t")

    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await client.get_test_suite(v1.GetTestSuiteRequest(id="nope"), timeout=TIMEOUT)
    created = await client.create_test_suite(v1.CreateTestSuiteRequest(name="a"), timeout=TIMEOUT)
    assert created.test_suite is not None
    with pytest.raises(grpc.aio.AioRpcError) as stale:
        await client.update_test_suite(
            v1.UpdateTestSuiteRequest(id=created.test_suite.id, version=7, name="b"), timeout=TIMEOUT
        )

    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    assert stale.value.code() == grpc.StatusCode.ABORTED


async def test_server_stream_sends_snapshot_then_changes_and_ends_after_delete(
    grpc_harness: GrpcHarness,
) -> None:
    clients = Clients.over(await grpc_harness.channel_to(FakeSuites()), token="t")
    created = await clients.suites.create_test_suite(
        v1.CreateTestSuiteRequest(name="watched"), timeout=TIMEOUT
    )
    suite = created.test_suite
    assert suite is not None

    stream = clients.suites.watch_test_suite(v1.WatchTestSuiteRequest(id=suite.id), timeout=TIMEOUT)
    snapshot = await anext(stream)
    await clients.suites.update_test_suite(
        v1.UpdateTestSuiteRequest(id=suite.id, version=1, name="renamed"), timeout=TIMEOUT
    )
    await clients.suites.delete_test_suite(
        v1.DeleteTestSuiteRequest(id=suite.id, cascade=True), timeout=TIMEOUT
    )
    rest = [change async for change in stream]

    assert snapshot.kind is v1.TestSuiteChangeKind.SNAPSHOT
    assert snapshot.test_suite == suite
    assert [(change.kind, change.version) for change in rest] == [
        (v1.TestSuiteChangeKind.UPDATED, 2),
        (v1.TestSuiteChangeKind.DELETED, 2),
    ]
    assert rest[0].test_suite is not None
    assert rest[0].test_suite.name == "renamed"
    assert rest[1].test_suite is None


async def test_closing_a_stream_early_cancels_it_on_the_server(grpc_harness: GrpcHarness) -> None:
    fake = FakeSuites()
    client = TestSuiteClient(await grpc_harness.channel_to(fake), token="t")
    created = await client.create_test_suite(v1.CreateTestSuiteRequest(name="w"), timeout=TIMEOUT)
    assert created.test_suite is not None

    async with contextlib.aclosing(
        client.watch_test_suite(v1.WatchTestSuiteRequest(id=created.test_suite.id), timeout=TIMEOUT)
    ) as stream:
        async for _snapshot in stream:
            break

    await asyncio.wait_for(fake.watch_closed.wait(), timeout=2)
    assert fake.watchers[created.test_suite.id] == []


async def test_stream_errors_arrive_while_iterating(grpc_harness: GrpcHarness) -> None:
    client = TestSuiteClient(await grpc_harness.channel_to(FakeSuites()), token="t")
    stream = client.watch_test_suite(v1.WatchTestSuiteRequest(id="missing"), timeout=TIMEOUT)

    with pytest.raises(grpc.aio.AioRpcError) as error:
        await anext(stream)

    assert error.value.code() == grpc.StatusCode.NOT_FOUND


async def test_bearer_token_and_metadata_reach_the_server(grpc_harness: GrpcHarness) -> None:
    fake = FakeSuites()
    client = TestSuiteClient(
        await grpc_harness.channel_to(fake), token="api-token-1", metadata=[("x-client", "ci-bot")]
    )

    await client.list_test_suites(
        v1.ListTestSuitesRequest(), timeout=TIMEOUT, metadata=[("x-request-id", "r-42")]
    )
    stream = client.watch_test_suite(v1.WatchTestSuiteRequest(id="missing"), timeout=TIMEOUT)
    with pytest.raises(grpc.aio.AioRpcError):
        await anext(stream)

    for call in fake.calls:
        assert call.metadata["authorization"] == "Bearer api-token-1"
        assert call.metadata["x-client"] == "ci-bot"
    assert fake.calls[0].metadata["x-request-id"] == "r-42"
    assert [call.rpc for call in fake.calls] == ["ListTestSuites", "WatchTestSuite"]


async def test_token_source_is_asked_before_every_call(grpc_harness: GrpcHarness) -> None:
    fake = FakeSuites()
    tokens = iter(["first", "second"])

    async def current_token() -> str:
        return next(tokens)

    client = TestSuiteClient(await grpc_harness.channel_to(fake), token=current_token)
    await client.list_test_suites(v1.ListTestSuitesRequest(), timeout=TIMEOUT)
    await client.list_test_suites(v1.ListTestSuitesRequest(), timeout=TIMEOUT)

    assert [call.metadata["authorization"] for call in fake.calls] == ["Bearer first", "Bearer second"]


async def test_without_a_token_no_authorization_is_sent(grpc_harness: GrpcHarness) -> None:
    fake = FakeSuites()
    client = TestSuiteClient(await grpc_harness.channel_to(fake), token=None)

    await client.list_test_suites(v1.ListTestSuitesRequest(), timeout=TIMEOUT)

    assert "authorization" not in fake.calls[0].metadata


async def test_a_request_of_the_wrong_type_is_refused_before_sending(grpc_harness: GrpcHarness) -> None:
    efforts = ScriptedEfforts()
    client = EffortClient(await grpc_harness.channel_to(efforts), token="t")

    with pytest.raises(TypeError, match="RecordEffortRequest"):
        await client.record_effort(v1.ListEffortRecordsRequest(), timeout=TIMEOUT)  # type: ignore[arg-type]

    assert efforts.calls == {}
