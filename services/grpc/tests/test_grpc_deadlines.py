"""Deadlines: work that outlasts the caller's deadline is abandoned and rolled back.

The work is made slow the way it gets slow in production: another transaction holds the row lock
the call needs. Without cancellation the blocked statement would go on as soon as the lock is
released, and the write would land after the caller was told DEADLINE_EXCEEDED.
"""

import time
from collections.abc import Awaitable, Callable

import asyncpg
import grpc
import pytest
from grpc_harness import TIMEOUT, Caller, new_suite, row_locked

from tcm_common.testing.waiting import eventually
from tcm_contracts.client import NO_RETRIES, Clients
from tcm_contracts.generated.testsuite import v1

DEADLINE = 0.5


async def nothing_waits_for_a_lock(pool: asyncpg.Pool) -> bool:
    waiting: int = await pool.fetchval(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    return waiting == 0


@pytest.mark.parametrize("operation", ["update", "delete", "change status"])
async def test_a_deadline_shorter_than_the_work_is_exceeded_and_nothing_is_written(
    manager: Caller,
    grpc_channel: grpc.aio.Channel,
    database_url: str,
    migrated_pool: asyncpg.Pool,
    operation: str,
) -> None:
    suite = await new_suite(manager.clients, name="before")
    clients = Clients.over(grpc_channel, token=manager.token, retry=NO_RETRIES)
    calls: dict[str, Callable[[], Awaitable[object]]] = {
        "update": lambda: clients.suites.update_test_suite(
            v1.UpdateTestSuiteRequest(id=suite.id, version=suite.version, name="after"), timeout=DEADLINE
        ),
        "delete": lambda: clients.suites.delete_test_suite(v1.DeleteTestSuiteRequest(id=suite.id), timeout=DEADLINE),
        "change status": lambda: clients.suites.change_test_suite_status(
            v1.ChangeTestSuiteStatusRequest(id=suite.id, version=suite.version, status=v1.TestSuiteStatus.IN_PROGRESS),
            timeout=DEADLINE,
        ),
    }

    async with row_locked(database_url, suite.id):
        started = time.monotonic()
        with pytest.raises(grpc.aio.AioRpcError) as exceeded:
            await calls[operation]()
        elapsed = time.monotonic() - started
        # The server cancelled its statement: nothing waits for the lock any more.
        await eventually(lambda: nothing_waits_for_a_lock(migrated_pool), within=2)
    current = await manager.clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=suite.id), timeout=TIMEOUT)

    assert exceeded.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    # The row stays locked until the block ends: only the deadline can end the call, and not before it.
    assert elapsed > DEADLINE - 0.1
    assert current.test_suite == suite


async def test_the_server_keeps_serving_after_abandoned_work(
    manager: Caller, grpc_channel: grpc.aio.Channel, database_url: str
) -> None:
    suite = await new_suite(manager.clients)
    clients = Clients.over(grpc_channel, token=manager.token, retry=NO_RETRIES)

    async with row_locked(database_url, suite.id):
        for _ in range(3):
            with pytest.raises(grpc.aio.AioRpcError):
                await clients.suites.delete_test_suite(v1.DeleteTestSuiteRequest(id=suite.id), timeout=0.2)
    await manager.clients.suites.delete_test_suite(v1.DeleteTestSuiteRequest(id=suite.id), timeout=TIMEOUT)

    listed = await manager.clients.suites.list_test_suites(v1.ListTestSuitesRequest(search=suite.name), timeout=TIMEOUT)
    assert listed.test_suites == []
