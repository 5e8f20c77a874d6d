"""Use cases over the in-memory fakes: the policy, versions, cascades and the events they publish."""

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import UUID, uuid4

import pytest

from tcm_common.application.cases import CaseUseCases
from tcm_common.application.clock import Clock
from tcm_common.application.efforts import EffortUseCases
from tcm_common.application.filters import SuiteFilter
from tcm_common.application.groups import GroupUseCases
from tcm_common.application.pagination import PageRequest
from tcm_common.application.read_models import UserRef
from tcm_common.application.suites import SuiteUseCases
from tcm_common.domain.case import CaseFields, CasePatch
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortFields
from tcm_common.domain.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    ValidationFailed,
    VersionConflict,
)
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.suite import SuiteFields, SuitePatch
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.testing.fakes import InMemoryStore

NOW = datetime(2026, 11, 10, 8, tzinfo=UTC)
MANAGER = Principal(uuid4(), "manager", Role.MANAGER)
TESTER = Principal(uuid4(), "tester", Role.TESTER)
FIELDS = SuiteFields("Release", date(2026, 11, 1), date(2026, 11, 30))


class World:
    def __init__(self) -> None:
        self.store = InMemoryStore()
        self.store.tables.users = {actor.user_id: UserRef(actor.user_id, actor.username) for actor in (MANAGER, TESTER)}
        self.suites = SuiteUseCases(self.store.unit_of_work, Clock(read_instant=lambda: NOW))
        self.groups = GroupUseCases(self.store.unit_of_work, Clock(read_instant=lambda: NOW))
        # Each status change a second after the last: history is ordered by when it happened.
        ticks = itertools.count()
        self.cases = CaseUseCases(
            self.store.unit_of_work, Clock(read_instant=lambda: NOW + timedelta(seconds=next(ticks)))
        )
        self.efforts = EffortUseCases(self.store.unit_of_work, Clock(read_instant=lambda: NOW))

    def kinds(self) -> list[ChangeKind]:
        return [event.kind for event in self.store.published]


@pytest.fixture
def world() -> World:
    return World()


async def test_tester_reads_but_cannot_manage(world: World) -> None:
    suite = await world.suites.create(MANAGER, FIELDS)
    with pytest.raises(PermissionDenied):
        await world.suites.create(TESTER, FIELDS)
    with pytest.raises(PermissionDenied):
        await world.suites.change_status(TESTER, suite.id, SuiteStatus.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        await world.groups.create(TESTER, suite.id, GroupFields("G"))
    with pytest.raises(Unauthenticated):
        await world.suites.get(None, suite.id)
    assert await world.suites.get(TESTER, suite.id) == suite
    assert world.kinds() == [ChangeKind.SUITE_CREATED]


async def test_stale_expected_version_changes_nothing(world: World) -> None:
    suite = await world.suites.create(MANAGER, FIELDS)
    updated = await world.suites.update(MANAGER, suite.id, SuitePatch(name="New"), expected_version=1)
    with pytest.raises(VersionConflict):
        await world.suites.update(MANAGER, suite.id, SuitePatch(name="Stale"), expected_version=1)
    assert await world.suites.get(TESTER, suite.id) == updated
    assert updated.version == 2
    assert world.store.published[-1] == ChangeEvent(suite.id, ChangeKind.SUITE_UPDATED, suite.id, 2)


async def test_missing_things_are_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        await world.suites.get(TESTER, uuid4())
    with pytest.raises(NotFound):
        await world.groups.create(MANAGER, uuid4(), GroupFields("G"))
    with pytest.raises(NotFound):
        await world.cases.change_status(TESTER, uuid4(), CaseStatus.TESTING)


async def _suite_with_case(world: World) -> tuple[UUID, UUID, UUID]:
    suite = await world.suites.create(MANAGER, FIELDS)
    group = await world.groups.create(MANAGER, suite.id, GroupFields("G"))
    case = await world.cases.create(MANAGER, group.id, CaseFields("C"))
    return suite.id, group.id, case.id


async def test_delete_with_children_needs_cascade(world: World) -> None:
    suite_id, group_id, case_id = await _suite_with_case(world)
    with pytest.raises(Conflict):
        await world.groups.delete(MANAGER, group_id)
    with pytest.raises(Conflict):
        await world.suites.delete(MANAGER, suite_id)
    await world.suites.delete(MANAGER, suite_id, cascade=True)
    with pytest.raises(NotFound):
        await world.cases.get(TESTER, case_id)
    assert world.store.tables.groups == {}
    assert world.kinds()[-1] == ChangeKind.SUITE_DELETED


async def test_case_workflow_records_history_by_the_actor(world: World) -> None:
    suite_id, _, case_id = await _suite_with_case(world)
    await world.cases.change_status(TESTER, case_id, CaseStatus.TESTING, reason="go")
    with pytest.raises(InvalidTransition):
        await world.cases.change_status(TESTER, case_id, CaseStatus.COMPLETED)
    result = await world.cases.change_status(TESTER, case_id, CaseStatus.FIXING, expected_version=2)
    history = [entry.change for entry in (await world.cases.history(TESTER, case_id, PageRequest.of())).nodes]
    assert [(h.from_status, h.to_status, h.changed_by, h.reason) for h in history] == [
        (CaseStatus.CREATED, CaseStatus.TESTING, TESTER.user_id, "go"),
        (CaseStatus.TESTING, CaseStatus.FIXING, TESTER.user_id, None),
    ]
    # The result carries the entry it wrote and the case after it, as the history shows them.
    assert result.entry.change == history[-1]
    assert result.entry.changed_by == UserRef(TESTER.user_id, TESTER.username)
    assert (result.case.case.status, result.case.allowed_transitions) == (CaseStatus.FIXING, [CaseStatus.RETESTING])
    assert world.store.published[-1] == ChangeEvent(
        suite_id, ChangeKind.CASE_STATUS_CHANGED, case_id, result.case.version
    )


async def test_failed_use_case_publishes_and_stores_nothing(world: World) -> None:
    _, _, case_id = await _suite_with_case(world)
    before = list(world.store.published)
    with pytest.raises(ValidationFailed):
        await world.cases.update(MANAGER, case_id, CasePatch(title=" "), expected_version=None)
    assert world.store.published == before
    assert (await world.cases.get(TESTER, case_id)).case.title == "C"


async def test_effort_comment_follows_the_suite(world: World) -> None:
    suite_id, _, case_id = await _suite_with_case(world)
    await world.suites.update(MANAGER, suite_id, SuitePatch(require_effort_comment=True), None)
    with pytest.raises(ValidationFailed):
        await world.efforts.record(TESTER, case_id, EffortFields(date(2026, 11, 9), Decimal(2)))
    result = await world.efforts.record(TESTER, case_id, EffortFields(date(2026, 11, 9), Decimal(2), "ok"))
    assert result.entry.record.recorded_by == TESTER.user_id
    assert result.case.actual_effort == Decimal(2)
    assert (await world.efforts.list_for_case(TESTER, case_id, PageRequest.of())).nodes == [result.entry]


async def test_groups_append_and_reorder(world: World) -> None:
    suite = await world.suites.create(MANAGER, FIELDS)
    groups = [await world.groups.create(MANAGER, suite.id, GroupFields(name)) for name in "ABC"]
    assert [view.group.display_order for view in groups] == [0, 1, 2]
    with pytest.raises(PermissionDenied):
        await world.groups.reorder(TESTER, suite.id, [g.id for g in reversed(groups)])
    reordered = await world.groups.reorder(MANAGER, suite.id, [g.id for g in reversed(groups)])
    assert [(g.group.name, g.group.display_order) for g in reordered] == [("C", 0), ("B", 1), ("A", 2)]
    page = await world.groups.list_for_suite(TESTER, suite.id, PageRequest.of())
    assert [g.group.name for g in page.nodes] == ["C", "B", "A"]


async def test_list_filters_and_pages(world: World) -> None:
    for name in ("Alpha login", "Beta", "Gamma login"):
        await world.suites.create(MANAGER, SuiteFields(name, date(2026, 11, 1), date(2026, 11, 30)))
    page = await world.suites.list(TESTER, SuiteFilter(search="LOGIN"), PageRequest.of(1))
    assert (page.total_count, page.has_next_page, len(page.edges)) == (2, True, 1)
