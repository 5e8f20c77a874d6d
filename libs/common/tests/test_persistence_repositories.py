"""Every repository method against the real database, through the PostgreSQL unit of work."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

import asyncpg
import pytest

from tcm_common.application.filters import SuiteFilter
from tcm_common.application.pagination import PageRequest
from tcm_common.domain.case import CaseFields, TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortFields, EffortRecord
from tcm_common.domain.errors import NotFound, VersionConflict
from tcm_common.domain.group import GroupFields, TestGroup
from tcm_common.domain.principal import Principal
from tcm_common.domain.priority import Priority
from tcm_common.domain.suite import SuiteFields, SuitePatch, TestSuite
from tcm_common.persistence.unit_of_work import PostgresUnitOfWork

NOW = datetime(2026, 11, 5, 10, 30, 15, 123456, tzinfo=UTC)


def new_suite(name: str = "Repository suite") -> TestSuite:
    fields = SuiteFields(name, date(2026, 11, 1), date(2026, 11, 30), "desc", require_effort_comment=True)
    return TestSuite.create(uuid4(), fields, NOW)


async def test_suite_round_trip_update_and_delete(migrated_pool: asyncpg.Pool) -> None:
    suite = new_suite()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        await uow.suites.add(suite)
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        assert await uow.suites.get(suite.id) == suite
        assert await uow.suites.get(suite.id, for_update=True) == suite
        changed = suite.apply(SuitePatch(name="Renamed", description=None), NOW + timedelta(hours=1))
        await uow.suites.update(changed)
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        assert await uow.suites.get(suite.id) == changed
        assert await uow.suites.count_groups(suite.id) == 0
        await uow.suites.delete(suite.id)
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        assert await uow.suites.get(suite.id) is None


async def test_leaving_without_commit_rolls_back(migrated_pool: asyncpg.Pool) -> None:
    suite = new_suite()
    uow = PostgresUnitOfWork(migrated_pool)
    try:
        async with uow:
            await uow.suites.add(suite)
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    async with PostgresUnitOfWork(migrated_pool) as uow:
        assert await uow.suites.get(suite.id) is None


async def test_stale_update_is_refused_and_overwrites_nothing(migrated_pool: asyncpg.Pool) -> None:
    suite = new_suite()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        await uow.suites.add(suite)
        await uow.commit()
    # Two writers read version 1; the first commits, the second must not overwrite it.
    first = suite.apply(SuitePatch(name="First writer"), NOW)
    second = suite.apply(SuitePatch(name="Second writer"), NOW)
    async with PostgresUnitOfWork(migrated_pool) as uow:
        await uow.suites.update(first)
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        with pytest.raises(VersionConflict):
            await uow.suites.update(second)
    async with PostgresUnitOfWork(migrated_pool) as uow:
        stored = await uow.suites.get(suite.id)
    assert stored is not None
    assert (stored.name, stored.version) == ("First writer", 2)


async def test_group_methods(migrated_pool: asyncpg.Pool) -> None:
    suite = new_suite()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        await uow.suites.add(suite)
        assert await uow.groups.next_display_order(suite.id) == 0
        first = TestGroup.create(uuid4(), suite.id, GroupFields("First"), 0, NOW)
        second = TestGroup.create(uuid4(), suite.id, GroupFields("Second", "d"), 1, NOW)
        await uow.groups.add(second)
        await uow.groups.add(first)
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        assert await uow.groups.list_for_suite(suite.id) == [first, second]
        assert (await uow.groups.page_for_suite(suite.id, PageRequest.of())).nodes == [first, second]
        assert await uow.groups.next_display_order(suite.id) == 2
        assert await uow.suites.count_groups(suite.id) == 2
        assert await uow.groups.get(first.id, for_update=True) == first
        # Swapping positions passes the deferred uniqueness check at commit.
        await uow.groups.update(replace(first, display_order=1, version=2))
        await uow.groups.update(replace(second, display_order=0, version=2))
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        assert [g.name for g in await uow.groups.list_for_suite(suite.id)] == ["Second", "First"]
        assert await uow.groups.count_cases(first.id) == 0
        await uow.groups.delete(first.id)
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        assert await uow.groups.get(first.id) is None
        with pytest.raises(VersionConflict):
            await uow.groups.update(replace(second, name="stale", version=2))


async def test_adding_under_a_missing_parent_is_not_found(migrated_pool: asyncpg.Pool) -> None:
    missing = uuid4()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        with pytest.raises(NotFound) as caught:
            await uow.groups.add(TestGroup.create(uuid4(), missing, GroupFields("Orphan"), 0, NOW))
    assert caught.value.identifier == missing
    async with PostgresUnitOfWork(migrated_pool) as uow:
        with pytest.raises(NotFound):
            await uow.cases.add(TestCase.create(uuid4(), missing, CaseFields("Orphan"), NOW))


async def test_case_history_and_effort_methods(migrated_pool: asyncpg.Pool, tester: Principal) -> None:
    suite = new_suite()
    group = TestGroup.create(uuid4(), suite.id, GroupFields("G"), 0, NOW)
    older = TestCase.create(uuid4(), group.id, CaseFields("Older", "d", Priority.HIGH, Decimal("2.5")), NOW)
    newer = TestCase.create(uuid4(), group.id, CaseFields("Newer"), NOW + timedelta(seconds=1))
    async with PostgresUnitOfWork(migrated_pool) as uow:
        await uow.suites.add(suite)
        await uow.groups.add(group)
        await uow.cases.add(newer)
        await uow.cases.add(older)
        testing, change = older.change_status(CaseStatus.TESTING, "start", tester.user_id, uuid4(), NOW)
        await uow.cases.update(testing)
        await uow.status_changes.add(change)
        day_two = EffortRecord.record(
            uuid4(),
            older.id,
            EffortFields(date(2026, 11, 3), Decimal("1.25")),
            comment_required=False,
            recorded_by=tester.user_id,
            now=NOW,
            today=NOW.date(),
        )
        day_one = EffortRecord.record(
            uuid4(),
            older.id,
            EffortFields(date(2026, 11, 2), Decimal("3"), "setup"),
            comment_required=True,
            recorded_by=tester.user_id,
            now=NOW,
            today=NOW.date(),
        )
        await uow.efforts.add(day_two)
        await uow.efforts.add(day_one)
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        assert await uow.cases.get(older.id) == testing
        assert (await uow.cases.page_for_group(group.id, None, PageRequest.of())).nodes == [testing, newer]
        assert (await uow.cases.page_for_group(group.id, CaseStatus.CREATED, PageRequest.of())).nodes == [newer]
        assert (await uow.status_changes.page_for_case(older.id, PageRequest.of())).nodes == [change]
        assert (await uow.efforts.page_for_case(older.id, PageRequest.of())).nodes == [day_one, day_two]
        newest_first = await uow.efforts.page_for_case(older.id, PageRequest.of(), newest_first=True)
        assert newest_first.nodes == [day_two, day_one]
        assert await uow.groups.count_cases(group.id) == 2
        await uow.cases.delete(older.id)
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        assert await uow.cases.get(older.id) is None
        assert (await uow.status_changes.page_for_case(older.id, PageRequest.of())).total_count == 0
        assert (await uow.efforts.page_for_case(older.id, PageRequest.of())).nodes == []
        with pytest.raises(VersionConflict):
            await uow.cases.update(replace(newer, title="x", version=5))


async def test_page_reads_through_the_repository(migrated_pool: asyncpg.Pool) -> None:
    token = uuid4().hex
    suite = new_suite(f"Paged {token}")
    async with PostgresUnitOfWork(migrated_pool) as uow:
        await uow.suites.add(suite)
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool) as uow:
        page = await uow.suites.page(SuiteFilter(search=token), PageRequest.of(10))
    assert page.nodes == [suite]
    assert (page.total_count, page.has_next_page) == (1, False)


async def test_a_read_only_unit_of_work_reads_and_cannot_commit(
    migrated_pool: asyncpg.Pool,
) -> None:
    suite = new_suite("Read only")
    async with PostgresUnitOfWork(migrated_pool) as uow:
        await uow.suites.add(suite)
        await uow.commit()
    async with PostgresUnitOfWork(migrated_pool, read_only=True) as uow:
        assert await uow.suites.get(suite.id) == suite
        with pytest.raises(AssertionError, match="read-only"):
            await uow.commit()
