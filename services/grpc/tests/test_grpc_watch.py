"""WatchTestSuite: the current state first, then every change made through any connection (pushed by
PostgreSQL's LISTEN/NOTIFY, no polling); the stream ends after a deletion, on cancel, and when the
caller's credential expires."""

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator, AsyncIterator
from datetime import timedelta
from uuid import UUID, uuid4

import asyncpg
import grpc
import pytest
from grpc_harness import TIMEOUT, TODAY, Caller, new_case, new_group, new_suite, proto_date

from tcm_common.auth.testing import issue_api_token
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import SuitePatch
from tcm_common.platform import Platform
from tcm_common.settings import DatabaseSettings
from tcm_common.testing.clock import service_clock
from tcm_common.testing.waiting import run_scheduled_callbacks
from tcm_contracts.client import Clients
from tcm_contracts.generated.testsuite import v1

WATCH_TIMEOUT = 60.0
ARRIVAL = 1.0
"""A change must reach the watcher within a second."""

Kind = v1.TestSuiteChangeKind


@contextlib.asynccontextmanager
async def watching(clients: Clients, suite_id: str) -> AsyncIterator[AsyncGenerator[v1.WatchTestSuiteResponse, None]]:
    stream = clients.suites.watch_test_suite(v1.WatchTestSuiteRequest(id=suite_id), timeout=WATCH_TIMEOUT)
    async with contextlib.aclosing(stream):
        yield stream


async def next_message(stream: AsyncGenerator[v1.WatchTestSuiteResponse, None]) -> v1.WatchTestSuiteResponse:
    async with asyncio.timeout(ARRIVAL):
        return await anext(stream)


@pytest.fixture
async def other_service(database_url: str) -> AsyncIterator[Platform]:
    """The platform as another service (REST, GraphQL) runs it: its own pool and connections."""
    platform = await Platform.start(DatabaseSettings(dsn=database_url), clock=service_clock())
    yield platform
    await platform.close()


async def test_the_stream_starts_with_the_current_state(manager: Caller, tester: Caller) -> None:
    suite = await new_suite(manager.clients)
    await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)

    async with watching(tester.clients, suite.id) as stream:
        snapshot = await next_message(stream)

    assert snapshot.kind == Kind.SNAPSHOT
    assert snapshot.suite_id == suite.id
    assert snapshot.version == suite.version
    assert snapshot.test_suite is not None
    assert (snapshot.test_suite.name, snapshot.test_suite.group_count, snapshot.test_suite.case_count) == (
        suite.name,
        1,
        1,
    )


async def test_a_change_through_another_service_arrives_within_a_second(
    manager: Caller, tester: Caller, other_service: Platform
) -> None:
    suite = await new_suite(manager.clients)
    other_principal = Principal(manager.user.id, manager.user.username, manager.user.role)

    async with watching(tester.clients, suite.id) as stream:
        await next_message(stream)
        await other_service.suites.update(other_principal, UUID(suite.id), SuitePatch(name="renamed"), suite.version)
        changed_at = time.monotonic()
        update = await next_message(stream)
        arrival = time.monotonic() - changed_at

    assert update.kind == Kind.UPDATED
    assert update.version == suite.version + 1
    assert update.test_suite is not None
    assert update.test_suite.name == "renamed"
    assert arrival < ARRIVAL


async def test_changes_through_another_grpc_connection_arrive_in_order(
    manager: Caller, tester: Caller, grpc_target: str
) -> None:
    suite = await new_suite(manager.clients)

    async with (
        grpc.aio.insecure_channel(grpc_target) as other_channel,
        watching(tester.clients, suite.id) as stream,
    ):
        other = Clients.over(other_channel, token=manager.token)
        await next_message(stream)
        started = await other.suites.change_test_suite_status(
            v1.ChangeTestSuiteStatusRequest(id=suite.id, version=suite.version, status=v1.TestSuiteStatus.IN_PROGRESS),
            timeout=TIMEOUT,
        )
        status_changed = await next_message(stream)
        group = await new_group(other, suite.id)
        group_created = await next_message(stream)
        case = await new_case(other, group.id)
        case_created = await next_message(stream)
        await other.efforts.record_effort(
            v1.RecordEffortRequest(case_id=case.id, date=proto_date(TODAY), hours=1), timeout=TIMEOUT
        )
        effort_recorded = await next_message(stream)

    assert started.test_suite is not None
    assert (status_changed.kind, status_changed.version) == (Kind.STATUS_CHANGED, started.test_suite.version)
    assert status_changed.test_suite is not None
    assert status_changed.test_suite.status == v1.TestSuiteStatus.IN_PROGRESS
    assert [message.kind for message in (group_created, case_created, effort_recorded)] == [Kind.CONTENT_CHANGED] * 3
    assert case_created.test_suite is not None
    assert case_created.test_suite.case_count == 1


async def test_the_stream_ends_after_the_suite_is_deleted(
    manager: Caller, tester: Caller, other_service: Platform
) -> None:
    suite = await new_suite(manager.clients)
    other_principal = Principal(manager.user.id, manager.user.username, manager.user.role)

    async with watching(tester.clients, suite.id) as stream:
        await next_message(stream)
        await other_service.suites.delete(other_principal, UUID(suite.id))
        deleted = await next_message(stream)
        async with asyncio.timeout(ARRIVAL):
            rest = [message async for message in stream]

    assert (deleted.kind, deleted.version, deleted.test_suite) == (Kind.DELETED, suite.version, None)
    assert rest == []


async def test_cancelling_ends_the_stream_and_the_server_goes_on(manager: Caller, tester: Caller) -> None:
    suite = await new_suite(manager.clients)

    async with watching(tester.clients, suite.id) as stream:
        await next_message(stream)
        waiting = asyncio.ensure_future(anext(stream))
        await run_scheduled_callbacks()  # the read has started and waits for a message
        waiting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await waiting
    async with watching(tester.clients, suite.id) as again:
        snapshot = await next_message(again)

    assert snapshot.kind == Kind.SNAPSHOT


async def test_watching_an_unknown_suite_is_not_found(tester: Caller) -> None:
    async with watching(tester.clients, str(uuid4())) as stream:
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await next_message(stream)

    assert missing.value.code() == grpc.StatusCode.NOT_FOUND


async def test_watching_needs_authorization(grpc_channel: grpc.aio.Channel, manager: Caller) -> None:
    suite = await new_suite(manager.clients)

    async with watching(Clients.over(grpc_channel, token=None), suite.id) as stream:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await next_message(stream)

    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_the_stream_ends_when_the_credential_expires(
    grpc_channel: grpc.aio.Channel, migrated_pool: asyncpg.Pool, manager: Caller
) -> None:
    suite = await new_suite(manager.clients)
    async with migrated_pool.acquire() as db:
        secret = await issue_api_token(db, manager.user.id, name="short-lived", lifetime=timedelta(seconds=1))

    async with watching(Clients.over(grpc_channel, token=secret), suite.id) as stream:
        await next_message(stream)
        with pytest.raises(grpc.aio.AioRpcError) as expired:
            async with asyncio.timeout(3):
                await anext(stream)

    assert expired.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "expired" in (expired.value.details() or "")


async def test_watching_a_deleted_suite_is_not_found(manager: Caller, tester: Caller, other_service: Platform) -> None:
    suite = await new_suite(manager.clients)
    other_principal = Principal(manager.user.id, manager.user.username, manager.user.role)
    await other_service.suites.delete(other_principal, UUID(suite.id))

    async with watching(tester.clients, suite.id) as stream:
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await next_message(stream)

    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
