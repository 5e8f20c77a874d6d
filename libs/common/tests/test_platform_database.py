"""Use cases through the Platform against the real database: cascades, races, trees, progress."""

import asyncio
from datetime import date, timedelta
from decimal import Decimal

import asyncpg
import pytest

from tcm_common.application.pagination import PageRequest
from tcm_common.application.read_models import UserRef
from tcm_common.domain.case import CaseFields
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortFields
from tcm_common.domain.errors import Conflict, NotFound, ValidationFailed, VersionConflict
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal
from tcm_common.domain.priority import Priority
from tcm_common.domain.suite import SuiteFields, SuitePatch
from tcm_common.platform import Platform
from tcm_common.testing.clock import FIXED_NOW

TODAY = FIXED_NOW.date()  # the platform fixture's clock


def fields(name: str = "Platform suite", end: date | None = None) -> SuiteFields:
    end = end or TODAY + timedelta(days=30)
    return SuiteFields(name, min(TODAY - timedelta(days=60), end), end)


async def count(pool: asyncpg.Pool, table: str, column: str, value: object) -> int:
    result: int = await pool.fetchval(f"SELECT count(*) FROM {table} WHERE {column} = $1", value)
    return result


async def test_cascade_refused_then_explicit(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    suite = await platform.suites.create(manager, fields())
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))
    case = await platform.cases.create(manager, group.id, CaseFields("C"))
    await platform.cases.change_status(tester, case.id, CaseStatus.TESTING)
    await platform.efforts.record(tester, case.id, EffortFields(TODAY, Decimal(1)))

    with pytest.raises(Conflict, match="1 case"):
        await platform.groups.delete(manager, group.id)
    with pytest.raises(Conflict, match="1 group"):
        await platform.suites.delete(manager, suite.id)
    assert await platform.cases.get(tester, case.id) is not None

    await platform.suites.delete(manager, suite.id, cascade=True)
    pool = platform.pool
    assert await count(pool, "test_suites", "id", suite.id) == 0
    assert await count(pool, "test_groups", "id", group.id) == 0
    assert await count(pool, "test_cases", "id", case.id) == 0
    assert await count(pool, "status_changes", "case_id", case.id) == 0
    assert await count(pool, "effort_records", "case_id", case.id) == 0


async def test_group_cascade_keeps_the_suite(platform: Platform, manager: Principal) -> None:
    suite = await platform.suites.create(manager, fields())
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))
    await platform.cases.create(manager, group.id, CaseFields("C"))
    await platform.groups.delete(manager, group.id, cascade=True)
    assert (await platform.groups.list_for_suite(manager, suite.id, PageRequest.of())).nodes == []
    await platform.suites.delete(manager, suite.id)
    with pytest.raises(NotFound):
        await platform.suites.get(manager, suite.id)


async def test_concurrent_stale_updates_one_wins(platform: Platform, manager: Principal) -> None:
    suite = await platform.suites.create(manager, fields())
    results = await asyncio.gather(
        *(
            platform.suites.update(manager, suite.id, SuitePatch(name=f"Writer {n}"), expected_version=1)
            for n in range(5)
        ),
        return_exceptions=True,
    )
    winners = [result for result in results if not isinstance(result, BaseException)]
    assert len(winners) == 1
    assert all(isinstance(result, VersionConflict) for result in results if result not in winners)
    stored = await platform.suites.get(manager, suite.id)
    assert (stored.suite.name, stored.version) == (winners[0].suite.name, 2)


async def test_concurrent_group_creation_gets_distinct_orders(platform: Platform, manager: Principal) -> None:
    suite = await platform.suites.create(manager, fields())
    await asyncio.gather(*(platform.groups.create(manager, suite.id, GroupFields(f"G{n}")) for n in range(4)))
    groups = (await platform.groups.list_for_suite(manager, suite.id, PageRequest.of())).nodes
    assert [view.group.display_order for view in groups] == [0, 1, 2, 3]


async def test_reorder_persists(platform: Platform, manager: Principal) -> None:
    suite = await platform.suites.create(manager, fields())
    groups = [await platform.groups.create(manager, suite.id, GroupFields(name)) for name in "ABC"]
    await platform.groups.reorder(manager, suite.id, [groups[2].id, groups[0].id, groups[1].id])
    page = await platform.groups.list_for_suite(manager, suite.id, PageRequest.of())
    assert [view.group.name for view in page.nodes] == ["C", "A", "B"]
    with pytest.raises(ValidationFailed):
        await platform.groups.reorder(manager, suite.id, [groups[0].id])


async def test_effort_comment_required_by_the_suite(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    suite = await platform.suites.create(manager, fields())
    await platform.suites.update(
        manager, suite.id, SuitePatch(require_effort_comment=True), expected_version=1
    )
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))
    case = await platform.cases.create(manager, group.id, CaseFields("C"))
    with pytest.raises(ValidationFailed, match="comment"):
        await platform.efforts.record(tester, case.id, EffortFields(TODAY, Decimal("0.5")))
    await platform.efforts.record(tester, case.id, EffortFields(TODAY, Decimal("0.5"), "done"))
    [entry] = (await platform.efforts.list_for_case(tester, case.id, PageRequest.of())).nodes
    assert (entry.record.hours, entry.record.comment, entry.recorded_by) == (
        Decimal("0.5"),
        "done",
        UserRef(tester.user_id, tester.username),
    )


async def test_tree_carries_progress_effort_and_delay(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    late = await platform.suites.create(manager, fields("Late suite", end=TODAY - timedelta(days=3)))
    first = await platform.groups.create(manager, late.id, GroupFields("First"))
    second = await platform.groups.create(manager, late.id, GroupFields("Second"))
    critical = await platform.cases.create(
        manager, first.id, CaseFields("Critical", priority=Priority.CRITICAL)
    )
    low = await platform.cases.create(manager, first.id, CaseFields("Low", priority=Priority.LOW))
    for status in (CaseStatus.TESTING, CaseStatus.REVIEW_WAITING, CaseStatus.REVIEWING, CaseStatus.COMPLETED):
        await platform.cases.change_status(tester, critical.id, status)
    await platform.efforts.record(tester, low.id, EffortFields(TODAY, Decimal("1.5")))
    await platform.efforts.record(tester, low.id, EffortFields(TODAY, Decimal("2.25")))

    tree = await platform.suite_tree(tester, late.id)
    assert (tree.view.id, tree.view.group_count, tree.view.case_count, tree.view.progress) == (
        late.id,
        2,
        2,
        80.0,
    )
    assert [(g.view.id, g.view.case_count, g.view.progress) for g in tree.groups] == [
        (first.id, 2, 80.0),
        (second.id, 0, 0.0),
    ]
    facts = {view.case.title: view.facts for view in tree.groups[0].cases}
    assert (facts["Critical"].is_delayed, facts["Critical"].delay_days) == (False, 0)
    assert (facts["Low"].is_delayed, facts["Low"].delay_days, facts["Low"].actual_effort) == (
        True,
        3,
        Decimal("3.75"),
    )
    with pytest.raises(NotFound):
        await platform.suite_tree(tester, first.id)


async def test_database_ready(platform: Platform) -> None:
    assert await platform.database_ready() is True


async def test_a_status_change_answers_with_its_history_entry_and_the_case_after_it(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    suite = await platform.suites.create(manager, fields("Late", end=TODAY - timedelta(days=2)))
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))
    case = await platform.cases.create(manager, group.id, CaseFields("C"))
    await platform.efforts.record(tester, case.id, EffortFields(TODAY, Decimal("1.25")))

    result = await platform.cases.change_status(tester, case.id, CaseStatus.TESTING, reason="go")

    [entry] = (await platform.cases.history(manager, case.id, PageRequest.of())).nodes
    assert result.entry == entry
    assert entry.changed_by == UserRef(tester.user_id, tester.username)
    assert (entry.change.from_status, entry.change.to_status, entry.change.reason) == (
        CaseStatus.CREATED,
        CaseStatus.TESTING,
        "go",
    )
    view = result.case
    assert (view.case.status, view.version, view.allowed_transitions) == (
        CaseStatus.TESTING,
        2,
        [CaseStatus.FIXING, CaseStatus.REVIEW_WAITING],
    )
    assert (view.actual_effort, view.is_delayed, view.delay_days) == (Decimal("1.25"), True, 2)
    assert await platform.cases.get(manager, case.id) == view
