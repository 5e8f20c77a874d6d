"""LISTEN/NOTIFY change events: delivered to another connection after commit, never after rollback."""

import asyncio
from collections.abc import AsyncIterator
from datetime import date
from uuid import uuid4

import asyncpg
import pytest

from tcm_common.application.changes import SubscriptionLost
from tcm_common.domain.case import CaseFields
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.errors import NotFound
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal
from tcm_common.domain.run import RunFields
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.suite import SuiteFields, SuitePatch
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.persistence.notifications import decode_event, encode_event, notify
from tcm_common.persistence.unit_of_work import PostgresUnitOfWork
from tcm_common.platform import Platform

FIELDS = SuiteFields("Watched", date(2026, 11, 1), date(2026, 11, 30))


LISTENER = "tcm-feed-under-test"


@pytest.fixture
async def feed(database_url: str) -> AsyncIterator[ChangeFeed]:
    feed = ChangeFeed(lambda: asyncpg.connect(database_url, server_settings={"application_name": LISTENER}))
    yield feed
    await feed.close()


async def next_event(events: AsyncIterator[ChangeEvent], within: float = 2.0) -> ChangeEvent:
    return await asyncio.wait_for(anext(events), within)


async def test_events_arrive_after_commit(platform: Platform, manager: Principal, tester: Principal) -> None:
    suite = await platform.suites.create(manager, FIELDS)
    async with platform.changes.subscribe(tester, suite.id) as events:
        group = await platform.groups.create(manager, suite.id, GroupFields("G"))
        case = await platform.cases.create(manager, group.id, CaseFields("C"))
        changed = await platform.cases.change_status(tester, case.id, CaseStatus.TESTING)
        renamed = await platform.suites.update(manager, suite.id, SuitePatch(name="Renamed"), None)
        received = [await next_event(events) for _ in range(4)]
    assert received == [
        ChangeEvent(suite.id, ChangeKind.GROUP_CREATED, group.id, 1),
        ChangeEvent(suite.id, ChangeKind.CASE_CREATED, case.id, 1),
        ChangeEvent(suite.id, ChangeKind.CASE_STATUS_CHANGED, case.id, changed.case.version),
        ChangeEvent(suite.id, ChangeKind.SUITE_UPDATED, suite.id, renamed.version),
    ]


async def _all(events: AsyncIterator[ChangeEvent], within: float = 2.0) -> list[ChangeEvent]:
    async def drain() -> list[ChangeEvent]:
        return [event async for event in events]

    return await asyncio.wait_for(drain(), within)


async def test_a_run_watch_hears_its_own_run_until_its_suite_is_deleted(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    suite = await platform.suites.create(manager, FIELDS)
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))
    await platform.cases.create(manager, group.id, CaseFields("C"))
    watched = await platform.runs.create(manager, suite.id, RunFields("Watched"), RunSelection.of())
    other = await platform.runs.create(manager, suite.id, RunFields("Other"), RunSelection.of())
    with pytest.raises(NotFound):
        async with platform.changes.watch_run(tester, uuid4()):
            pass
    async with platform.changes.watch_run(tester, watched.id) as watch:
        assert (watch.run.id, watch.run.version, watch.run.entry_count) == (watched.id, 1, 1)
        await platform.runs.start(manager, other.id)
        started = await platform.runs.start(tester, watched.id)
        await platform.suites.delete(manager, suite.id, cascade=True)
        received = await _all(watch.events)
    # Other runs, the group and the case are not the run's; the suite's deletion took the run with it.
    assert received == [
        ChangeEvent(suite.id, ChangeKind.RUN_STATUS_CHANGED, watched.id, started.version),
        ChangeEvent(suite.id, ChangeKind.RUN_DELETED, watched.id, started.version),
    ]


async def test_nothing_arrives_before_commit_or_after_rollback(
    feed: ChangeFeed, migrated_pool: asyncpg.Pool
) -> None:
    # PostgreSQL delivers a channel's notifications in commit order, so when the first event to arrive is
    # the committed one, neither rolled-back event was delivered, before or after its rollback.
    suite_id = uuid4()
    rolled_back_in_unit_of_work = ChangeEvent(suite_id, ChangeKind.SUITE_UPDATED, suite_id, 7)
    rolled_back_after_notify = ChangeEvent(suite_id, ChangeKind.SUITE_UPDATED, suite_id, 8)
    committed = ChangeEvent(suite_id, ChangeKind.SUITE_UPDATED, suite_id, 9)
    async with feed.subscribe(suite_id) as events:
        pending = asyncio.ensure_future(next_event(events, within=5))
        async with PostgresUnitOfWork(migrated_pool) as uow:
            uow.publish(rolled_back_in_unit_of_work)
            # Left without commit: the NOTIFY is discarded with the transaction.
        async with migrated_pool.acquire() as connection:
            transaction = connection.transaction()
            await transaction.start()
            await notify(connection, rolled_back_after_notify)
            await transaction.rollback()
        async with PostgresUnitOfWork(migrated_pool) as uow:
            uow.publish(committed)
            await uow.commit()
        assert await pending == committed


async def test_a_subscription_sees_only_its_suite(feed: ChangeFeed, migrated_pool: asyncpg.Pool) -> None:
    mine, other = uuid4(), uuid4()
    async with feed.subscribe(mine) as events, feed.subscribe() as everything:
        async with PostgresUnitOfWork(migrated_pool) as uow:
            uow.publish(ChangeEvent(other, ChangeKind.SUITE_DELETED, other, 3))
            uow.publish(ChangeEvent(mine, ChangeKind.SUITE_DELETED, mine, 4))
            await uow.commit()
        assert await next_event(events) == ChangeEvent(mine, ChangeKind.SUITE_DELETED, mine, 4)
        assert [(await next_event(everything)).suite_id for _ in range(2)] == [other, mine]


async def test_a_lost_connection_ends_subscriptions(feed: ChangeFeed, migrated_pool: asyncpg.Pool) -> None:
    async with feed.subscribe() as events:
        terminated = await migrated_pool.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
            LISTENER,
        )
        assert terminated == 1
        with pytest.raises(SubscriptionLost):
            await next_event(events)
    # The next subscriber gets a fresh connection.
    async with feed.subscribe() as events:
        suite_id = uuid4()
        async with PostgresUnitOfWork(migrated_pool) as uow:
            uow.publish(ChangeEvent(suite_id, ChangeKind.SUITE_CREATED, suite_id, 1))
            await uow.commit()
        assert (await next_event(events)).suite_id == suite_id


async def test_a_reader_too_far_behind_is_told(database_url: str, migrated_pool: asyncpg.Pool) -> None:
    feed = ChangeFeed(lambda: asyncpg.connect(database_url), backlog=2)
    suite_id = uuid4()
    try:
        async with feed.subscribe(suite_id) as events:
            async with PostgresUnitOfWork(migrated_pool) as uow:
                for version in range(1, 4):
                    uow.publish(ChangeEvent(suite_id, ChangeKind.SUITE_UPDATED, suite_id, version))
                await uow.commit()
            assert [(await next_event(events)).version for _ in range(2)] == [1, 2]
            with pytest.raises(SubscriptionLost, match="behind"):
                await next_event(events)
    finally:
        await feed.close()


def test_payload_round_trip() -> None:
    event = ChangeEvent(uuid4(), ChangeKind.EFFORT_RECORDED, uuid4(), 12)
    assert decode_event(encode_event(event)) == event
    assert len(encode_event(event)) < 8000
