"""The run use cases over the real database (docs/domain-runs.md): selections and snapshots, results by
every role, the run workflow and its permissions, drivesWorkflow, automation keys."""

import asyncio
from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

import asyncpg
import pytest

from tcm_common.application.pagination import PageRequest
from tcm_common.domain.case import CaseFields, CasePatch
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    ValidationFailed,
    VersionConflict,
)
from tcm_common.domain.events import ChangeKind
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.priority import Priority
from tcm_common.domain.run import RunFields, RunPatch
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import ResultFields, RunResult
from tcm_common.domain.run_status import RunStatus
from tcm_common.domain.suite import SuiteFields
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.platform import Platform

R = RunResult


@dataclass
class Catalogue:
    suite_id: UUID
    login: UUID  # group: cases "Log in" (HIGH), "Log out" (LOW)
    pay: UUID  # group: cases "Pay" (CRITICAL), "Refund" (MEDIUM)
    cases: dict[str, UUID]


async def catalogue(platform: Platform, manager: Principal) -> Catalogue:
    suite = await platform.suites.create(manager, SuiteFields("Shop", date(2026, 11, 1), date(2026, 12, 31)))
    login = await platform.groups.create(manager, suite.id, GroupFields("Login"))
    pay = await platform.groups.create(manager, suite.id, GroupFields("Pay"))
    cases = {}
    for group_id, title, priority in [
        (login.id, "Log in", Priority.HIGH),
        (login.id, "Log out", Priority.LOW),
        (pay.id, "Pay", Priority.CRITICAL),
        (pay.id, "Refund", Priority.MEDIUM),
    ]:
        cases[title] = (await platform.cases.create(manager, group_id, CaseFields(title, priority=priority))).id
    return Catalogue(suite.id, login.id, pay.id, cases)


def as_admin(manager: Principal) -> Principal:
    # The manager's user acting with the Admin role: no extra Admin in the database, whose Admins the
    # auth tests count.
    return Principal(manager.user_id, manager.username, Role.ADMIN)


async def titles(platform: Platform, principal: Principal, run_id: UUID) -> list[str]:
    return [view.entry.title for view in await platform.runs.entries(principal, run_id)]


async def test_create_from_each_kind_of_selection(platform: Platform, manager: Principal) -> None:
    shop = await catalogue(platform, manager)
    every = await platform.runs.create(manager, shop.suite_id, RunFields("All"), RunSelection.of())
    assert await titles(platform, manager, every.id) == ["Log in", "Log out", "Pay", "Refund"]
    assert (every.entry_count, every.counts[R.UNTESTED], every.completion, every.pass_rate) == (4, 4, 0.0, 0.0)
    assert every.run.status is RunStatus.PLANNED
    assert every.created_by is not None
    assert every.created_by.username == manager.username
    assert every.allowed_transitions == [RunStatus.IN_PROGRESS, RunStatus.ABORTED]

    selections = {
        "groups": (RunSelection.of(group_ids=[shop.pay]), ["Pay", "Refund"]),
        "cases": (RunSelection.of(case_ids=[shop.cases["Log out"], shop.cases["Pay"]]), ["Log out", "Pay"]),
        "priorities": (RunSelection.of(priorities=[Priority.HIGH, Priority.CRITICAL]), ["Log in", "Pay"]),
        "group and case": (
            RunSelection.of(group_ids=[shop.login], case_ids=[shop.cases["Refund"]]),
            ["Log in", "Log out", "Refund"],
        ),
        "group narrowed": (RunSelection.of(group_ids=[shop.login], priorities=[Priority.LOW]), ["Log out"]),
    }
    for name, (selection, expected) in selections.items():
        view = await platform.runs.create(manager, shop.suite_id, RunFields(name), selection)
        assert await titles(platform, manager, view.id) == expected, name


async def test_a_selection_outside_the_suite_is_refused(platform: Platform, manager: Principal) -> None:
    shop = await catalogue(platform, manager)
    other = await catalogue(platform, manager)
    selection = RunSelection.of(group_ids=[other.login], case_ids=[other.cases["Pay"], uuid4()])
    with pytest.raises(ValidationFailed) as caught:
        await platform.runs.create(manager, shop.suite_id, RunFields("Mixed"), selection)
    assert [detail.field for detail in caught.value.details] == ["groupIds", "caseIds", "caseIds"]
    page = await platform.runs.list_for_suite(manager, shop.suite_id, PageRequest.of())
    assert page.total_count == 0
    with pytest.raises(NotFound):
        await platform.runs.create(manager, uuid4(), RunFields("Nowhere"), RunSelection.of())


async def test_every_role_records_results(platform: Platform, manager: Principal, tester: Principal) -> None:
    shop = await catalogue(platform, manager)
    run = await platform.runs.create(manager, shop.suite_id, RunFields("Daily"), RunSelection.of())
    for principal, title, fields in [
        (tester, "Log in", ResultFields(R.PASSED, duration_ms=1200)),
        (manager, "Log out", ResultFields(R.FAILED, comment="button missing")),
        (as_admin(manager), "Pay", ResultFields(R.BLOCKED, comment="sandbox down")),
    ]:
        recorded = await platform.runs.record_result(principal, run.id, shop.cases[title], fields)
        assert recorded.entry.entry.result is fields.result
        assert recorded.result.recorded_by is not None
        assert recorded.result.recorded_by.id == principal.user_id
    view = recorded.run
    assert view.run.status is RunStatus.IN_PROGRESS  # started by the first result
    assert view.run.started_at is not None
    assert (view.counts[R.PASSED], view.counts[R.FAILED], view.counts[R.BLOCKED], view.counts[R.UNTESTED]) == (
        1,
        1,
        1,
        1,
    )
    assert (view.completion, view.pass_rate) == (75.0, 33.3)

    await platform.runs.record_result(tester, run.id, shop.cases["Log out"], ResultFields(R.RETEST))
    history = await platform.runs.results(tester, run.id, shop.cases["Log out"])
    assert [(item.record.result, item.record.comment) for item in history] == [
        (R.FAILED, "button missing"),
        (R.RETEST, None),
    ]
    [entry] = [e for e in await platform.runs.entries(tester, run.id) if e.entry.title == "Log out"]
    assert entry.entry.result is R.RETEST  # the latest record


async def test_bad_results_are_refused(platform: Platform, manager: Principal, tester: Principal) -> None:
    shop = await catalogue(platform, manager)
    run = await platform.runs.create(manager, shop.suite_id, RunFields("Daily"), RunSelection.of(group_ids=[shop.pay]))
    with pytest.raises(ValidationFailed):
        await platform.runs.record_result(tester, run.id, shop.cases["Pay"], ResultFields(R.FAILED))
    with pytest.raises(NotFound):
        await platform.runs.record_result(tester, run.id, shop.cases["Log in"], ResultFields(R.PASSED))
    with pytest.raises(NotFound):
        await platform.runs.record_result(tester, uuid4(), shop.cases["Pay"], ResultFields(R.PASSED))
    assert (await platform.runs.get(tester, run.id)).run.status is RunStatus.PLANNED  # nothing recorded
    with pytest.raises(Unauthenticated):
        await platform.runs.record_result(None, run.id, shop.cases["Pay"], ResultFields(R.PASSED))


async def test_manage_operations_need_a_manager(platform: Platform, manager: Principal, tester: Principal) -> None:
    shop = await catalogue(platform, manager)
    with pytest.raises(PermissionDenied):
        await platform.runs.create(tester, shop.suite_id, RunFields("Mine"), RunSelection.of())
    run = await platform.runs.create(manager, shop.suite_id, RunFields("Theirs"), RunSelection.of())
    [first, *_] = await platform.runs.entries(tester, run.id)
    refused = [
        platform.runs.update(tester, run.id, RunPatch(name="Renamed"), None),
        platform.runs.abort(tester, run.id),
        platform.runs.reopen(tester, run.id),
        platform.runs.delete(tester, run.id),
        platform.runs.assign(tester, run.id, [first.id], tester.user_id),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied):
            await call
    started = await platform.runs.start(tester, run.id)  # executing is every role's work
    assert started.run.status is RunStatus.IN_PROGRESS
    completed = await platform.runs.complete(tester, run.id, started.version)
    assert completed.run.status is RunStatus.COMPLETED


async def test_complete_and_reopen(platform: Platform, manager: Principal, tester: Principal) -> None:
    shop = await catalogue(platform, manager)
    run = await platform.runs.create(manager, shop.suite_id, RunFields("Release"), RunSelection.of())
    with pytest.raises(InvalidTransition):
        await platform.runs.complete(manager, run.id)  # never started
    await platform.runs.record_result(tester, run.id, shop.cases["Pay"], ResultFields(R.PASSED))
    completed = await platform.runs.complete(manager, run.id)
    assert completed.run.completed_at is not None
    assert completed.allowed_transitions == [RunStatus.IN_PROGRESS]
    with pytest.raises(Conflict):
        await platform.runs.record_result(tester, run.id, shop.cases["Refund"], ResultFields(R.PASSED))
    with pytest.raises(Conflict):
        await platform.runs.update(manager, run.id, RunPatch(label="rc1"), None)
    with pytest.raises(Conflict):
        await platform.runs.start(tester, run.id)
    with pytest.raises(PermissionDenied):
        await platform.runs.reopen(tester, run.id)
    reopened = await platform.runs.reopen(manager, run.id, completed.version)
    assert (reopened.run.status, reopened.run.completed_at) == (RunStatus.IN_PROGRESS, None)
    with pytest.raises(InvalidTransition):
        await platform.runs.reopen(manager, run.id)  # only a closed run reopens
    after = await platform.runs.record_result(tester, run.id, shop.cases["Refund"], ResultFields(R.PASSED))
    assert after.run.counts[R.PASSED] == 2
    aborted = await platform.runs.abort(manager, run.id)
    assert aborted.run.status is RunStatus.ABORTED


async def test_update_assign_and_delete(platform: Platform, manager: Principal, tester: Principal) -> None:
    shop = await catalogue(platform, manager)
    run = await platform.runs.create(manager, shop.suite_id, RunFields("Sprint"), RunSelection.of())
    updated = await platform.runs.update(manager, run.id, RunPatch(label="staging", drives_workflow=True), run.version)
    assert (updated.run.label, updated.run.drives_workflow, updated.version) == ("staging", True, 2)
    with pytest.raises(VersionConflict):
        await platform.runs.update(manager, run.id, RunPatch(name="Old"), run.version)

    entries = await platform.runs.entries(manager, run.id)
    assigned = await platform.runs.assign(manager, run.id, [entries[0].id, entries[2].id], tester.user_id)
    assert [(e.entry.title, e.assignee and e.assignee.username) for e in assigned] == [
        ("Log in", tester.username),
        ("Pay", tester.username),
    ]
    with pytest.raises(ValidationFailed):
        await platform.runs.assign(manager, run.id, [uuid4()], tester.user_id)
    with pytest.raises(NotFound):
        await platform.runs.assign(manager, run.id, [entries[0].id], uuid4())
    [unassigned] = await platform.runs.assign(manager, run.id, [entries[0].id], None)
    assert unassigned.assignee is None

    await platform.runs.delete(manager, run.id, expected_version=updated.version)
    with pytest.raises(NotFound):
        await platform.runs.get(manager, run.id)


async def test_snapshot_survives_case_edits_and_deletion(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    shop = await catalogue(platform, manager)
    run = await platform.runs.create(manager, shop.suite_id, RunFields("Snapshot"), RunSelection.of())
    await platform.runs.record_result(tester, run.id, shop.cases["Refund"], ResultFields(R.PASSED))
    before = await platform.runs.entries(manager, run.id)
    await platform.cases.update(
        manager, shop.cases["Pay"], CasePatch(title="Pay with points", priority=Priority.LOW), None
    )
    await platform.cases.delete(manager, shop.cases["Refund"])
    after = await platform.runs.entries(manager, run.id)
    assert after == before
    assert [(e.entry.title, e.entry.priority) for e in after][2:] == [
        ("Pay", Priority.CRITICAL),
        ("Refund", Priority.MEDIUM),
    ]
    history = await platform.runs.results(manager, run.id, shop.cases["Refund"])
    assert [item.record.result for item in history] == [R.PASSED]


async def set_status(pool: asyncpg.Pool, case_id: UUID, status: CaseStatus) -> None:
    await pool.execute("UPDATE test_cases SET status = $2 WHERE id = $1", case_id, status.value)


async def status_and_reasons(pool: asyncpg.Pool, case_id: UUID) -> tuple[str, list[str | None]]:
    status = await pool.fetchval("SELECT status FROM test_cases WHERE id = $1", case_id)
    reasons = await pool.fetch("SELECT reason FROM status_changes WHERE case_id = $1 ORDER BY changed_at", case_id)
    return status, [row["reason"] for row in reasons]


async def test_drives_workflow_moves_only_the_legal_transitions(
    platform: Platform, manager: Principal, tester: Principal, migrated_pool: asyncpg.Pool
) -> None:
    shop = await catalogue(platform, manager)
    starting = {
        "Log in": CaseStatus.TESTING,
        "Log out": CaseStatus.RETESTING,
        "Pay": CaseStatus.CREATED,
        "Refund": CaseStatus.TESTING,
    }
    for title, status in starting.items():
        await set_status(migrated_pool, shop.cases[title], status)
    run = await platform.runs.create(manager, shop.suite_id, RunFields("Gate", drives_workflow=True), RunSelection.of())
    for title, fields in [
        ("Log in", ResultFields(R.FAILED, comment="500 on submit")),
        ("Log out", ResultFields(R.PASSED)),
        ("Pay", ResultFields(R.PASSED)),  # CREATED: no legal move
        ("Refund", ResultFields(R.BLOCKED, comment="no sandbox")),  # BLOCKED moves nothing
    ]:
        await platform.runs.record_result(tester, run.id, shop.cases[title], fields)
    assert await status_and_reasons(migrated_pool, shop.cases["Log in"]) == ("FIXING", ["run Gate: FAILED"])
    assert await status_and_reasons(migrated_pool, shop.cases["Log out"]) == ("REVIEW_WAITING", ["run Gate: PASSED"])
    assert await status_and_reasons(migrated_pool, shop.cases["Pay"]) == ("CREATED", [])
    assert await status_and_reasons(migrated_pool, shop.cases["Refund"]) == ("TESTING", [])
    changed_by = await migrated_pool.fetchval(
        "SELECT changed_by FROM status_changes WHERE case_id = $1", shop.cases["Log in"]
    )
    assert changed_by == tester.user_id

    # FIXING is no status a result moves; a run without drivesWorkflow moves nothing.
    await platform.runs.record_result(tester, run.id, shop.cases["Log in"], ResultFields(R.PASSED))
    assert (await status_and_reasons(migrated_pool, shop.cases["Log in"]))[0] == "FIXING"
    quiet = await platform.runs.create(manager, shop.suite_id, RunFields("Quiet"), RunSelection.of())
    await platform.runs.record_result(tester, quiet.id, shop.cases["Refund"], ResultFields(R.PASSED))
    assert await status_and_reasons(migrated_pool, shop.cases["Refund"]) == ("TESTING", [])


async def test_runs_of_a_completed_suite_are_read_only(
    platform: Platform, manager: Principal, tester: Principal, migrated_pool: asyncpg.Pool
) -> None:
    shop = await catalogue(platform, manager)
    run = await platform.runs.create(manager, shop.suite_id, RunFields("Closing"), RunSelection.of())
    await migrated_pool.execute(
        "UPDATE test_suites SET status = $2 WHERE id = $1", shop.suite_id, SuiteStatus.COMPLETED.value
    )
    with pytest.raises(Conflict):
        await platform.runs.record_result(tester, run.id, shop.cases["Pay"], ResultFields(R.PASSED))
    with pytest.raises(Conflict):
        await platform.runs.create(manager, shop.suite_id, RunFields("Late"), RunSelection.of())


async def test_automation_keys_are_unique_within_a_suite(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    shop = await catalogue(platform, manager)
    other = await catalogue(platform, manager)
    key = "shop.test_pay.TestCard.test_visa"
    keyed = await platform.automation_keys.set_key(manager, shop.cases["Pay"], f"  {key} ")
    assert (keyed.automation_key, keyed.version) == (key, 2)
    with pytest.raises(Conflict):
        await platform.automation_keys.set_key(manager, shop.cases["Refund"], key)
    await platform.automation_keys.set_key(manager, other.cases["Pay"], key)  # another suite: fine
    with pytest.raises(PermissionDenied):
        await platform.automation_keys.set_key(tester, shop.cases["Refund"], "x")
    with pytest.raises(VersionConflict):
        await platform.automation_keys.set_key(manager, shop.cases["Pay"], "y", expected_version=1)
    cleared = await platform.automation_keys.set_key(manager, shop.cases["Pay"], None, expected_version=2)
    assert cleared.automation_key is None
    moved = await platform.automation_keys.set_key(manager, shop.cases["Refund"], key)
    assert moved.automation_key == key
    # The case's other edits keep its key.
    await platform.cases.update(manager, shop.cases["Refund"], CasePatch(title="Refund twice"), None)
    run = await platform.runs.create(manager, shop.suite_id, RunFields("Keys"), RunSelection.of())
    assert run.entry_count == 4


async def test_every_run_change_is_published(platform: Platform, manager: Principal, tester: Principal) -> None:
    shop = await catalogue(platform, manager)
    async with platform.changes.subscribe(tester, shop.suite_id) as events:
        run = await platform.runs.create(
            manager, shop.suite_id, RunFields("Watched", drives_workflow=True), RunSelection.of()
        )
        updated = await platform.runs.update(manager, run.id, RunPatch(label="rc"), None)
        [entry, *_] = await platform.runs.entries(manager, run.id)
        await platform.runs.assign(manager, run.id, [entry.id], tester.user_id)
        await platform.cases.change_status(manager, shop.cases["Pay"], CaseStatus.TESTING)
        recorded = await platform.runs.record_result(tester, run.id, shop.cases["Pay"], ResultFields(R.PASSED))
        completed = await platform.runs.complete(tester, run.id)
        await platform.runs.delete(manager, run.id)
        received = [await asyncio.wait_for(anext(events), 2.0) for _ in range(9)]
    started = recorded.run.version
    assert [(event.kind, event.entity_id, event.version) for event in received] == [
        (ChangeKind.RUN_CREATED, run.id, 1),
        (ChangeKind.RUN_UPDATED, run.id, updated.version),
        (ChangeKind.RUN_ENTRIES_ASSIGNED, run.id, updated.version),
        (ChangeKind.CASE_STATUS_CHANGED, shop.cases["Pay"], 2),
        (ChangeKind.RUN_STATUS_CHANGED, run.id, started),  # the first result started it
        (ChangeKind.RUN_RESULTS_RECORDED, run.id, started),
        (ChangeKind.CASES_CHANGED_BY_RUN, run.id, started),  # drivesWorkflow moved Pay to review
        (ChangeKind.RUN_STATUS_CHANGED, run.id, completed.version),
        (ChangeKind.RUN_DELETED, run.id, completed.version),
    ]


async def test_a_suites_runs_newest_first_in_pages(platform: Platform, manager: Principal, tester: Principal) -> None:
    shop = await catalogue(platform, manager)
    for name in ["First", "Second", "Third"]:
        await platform.runs.create(manager, shop.suite_id, RunFields(name), RunSelection.of(group_ids=[shop.pay]))
    first = await platform.runs.list_for_suite(tester, shop.suite_id, PageRequest.of(first=2))
    assert [view.run.name for view in first.nodes] == ["Third", "Second"]
    assert (first.total_count, first.has_next_page) == (3, True)
    assert all(view.entry_count == 2 and view.created_by is not None for view in first.nodes)
    rest = await platform.runs.list_for_suite(tester, shop.suite_id, PageRequest.of(first=2, after=first.end_cursor))
    assert [view.run.name for view in rest.nodes] == ["First"]
    assert not rest.has_next_page
    with pytest.raises(NotFound):
        await platform.runs.list_for_suite(tester, uuid4(), PageRequest.of())


async def test_run_loaders_answer_in_the_order_asked(platform: Platform, manager: Principal, tester: Principal) -> None:
    shop = await catalogue(platform, manager)
    pay = await platform.runs.create(manager, shop.suite_id, RunFields("Pay"), RunSelection.of(group_ids=[shop.pay]))
    every = await platform.runs.create(manager, shop.suite_id, RunFields("All"), RunSelection.of())
    await platform.runs.record_result(tester, pay.id, shop.cases["Refund"], ResultFields(R.PASSED))
    loaders = platform.run_loaders(tester)
    views = await loaders.runs_by_id([every.id, uuid4(), pay.id])
    assert [view and (view.run.name, view.entry_count, view.counts[R.PASSED]) for view in views] == [
        ("All", 4, 0),
        None,
        ("Pay", 2, 1),
    ]
    entries = await loaders.entries_for_runs([pay.id, uuid4(), every.id])
    assert [[e.entry.title for e in per_run] for per_run in entries] == [
        ["Pay", "Refund"],
        [],
        ["Log in", "Log out", "Pay", "Refund"],
    ]
    records = await loaders.results_for_entries([(pay.id, shop.cases["Refund"]), (pay.id, shop.cases["Pay"])])
    assert [[(r.record.result, r.recorded_by and r.recorded_by.username) for r in per] for per in records] == [
        [(R.PASSED, tester.username)],
        [],
    ]
    with pytest.raises(Unauthenticated):
        await platform.run_loaders(None).runs_by_id([pay.id])
