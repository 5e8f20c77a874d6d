"""Test runs over GraphQL on real PostgreSQL: creating from a selection, the roles of the policy,
completing and reopening, the snapshot, drivesWorkflow, optimistic concurrency and NOT_FOUND."""

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import asyncpg
import pytest
from graphql_harness import Browser, browser, error_codes
from graphql_run_data import (
    CREATE_RUN,
    RECORD_RESULT,
    RUN_FIELDS,
    UNKNOWN_ID,
    RunSuite,
    platform_on,
    principal,
    run_suite,
)

from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.user import User
from tcm_common.platform import Platform


@pytest.fixture
def platform(migrated_pool: asyncpg.Pool, database_url: str) -> Platform:
    return platform_on(migrated_pool, database_url)


@pytest.fixture
async def suite(platform: Platform, manager: User) -> RunSuite:
    return await run_suite(platform, manager)


async def _signed_in(service: str, user: User) -> AsyncIterator[Browser]:
    async with browser(service) as client:
        await client.login(user.username)
        yield client


@pytest.fixture
async def as_manager(service: str, manager: User) -> AsyncIterator[Browser]:
    async for client in _signed_in(service, manager):
        yield client


@pytest.fixture
async def as_tester(service: str, tester: User) -> AsyncIterator[Browser]:
    async for client in _signed_in(service, tester):
        yield client


@pytest.fixture
async def as_admin(service: str, admin: User) -> AsyncIterator[Browser]:
    async for client in _signed_in(service, admin):
        yield client


async def _create(client: Browser, suite: RunSuite, **fields: Any) -> dict[str, Any]:
    run: dict[str, Any] = (
        await client.data(CREATE_RUN, {"input": {"suiteId": suite.suite_id, "name": "Nightly", **fields}})
    )["createTestRun"]
    return run


def _record(run_id: str, case_id: str, result: str, **fields: Any) -> dict[str, Any]:
    return {"input": {"runId": run_id, "caseId": case_id, "result": result, **fields}}


async def _run(client: Browser, run_id: str) -> dict[str, Any]:
    data = await client.data(RUN_FIELDS + "query($id: ID!) { testRun(id: $id) { ...RunFields } }", {"id": run_id})
    run: dict[str, Any] = data["testRun"]
    return run


async def test_a_manager_creates_a_run_from_a_selection(as_manager: Browser, suite: RunSuite, manager: User) -> None:
    run = await _create(
        as_manager,
        suite,
        label="build 2.4.1",
        selection={"groupIds": [suite.login_group], "caseIds": [suite.pay_high], "priorities": ["HIGH"]},
    )
    assert (run["status"], run["allowedTransitions"], run["version"]) == ("PLANNED", ["IN_PROGRESS", "ABORTED"], 1)
    assert (run["label"], run["drivesWorkflow"], run["createdBy"]) == (
        "build 2.4.1",
        False,
        {"username": manager.username},
    )
    # The Login group's HIGH case and the chosen Pay case, in suite order; the LOW case is narrowed away.
    assert [(entry["caseId"], entry["title"], entry["result"]) for entry in run["entries"]] == [
        (suite.login_high, "Sign in", "UNTESTED"),
        (suite.pay_high, "Pay by card", "UNTESTED"),
    ]
    assert (run["entryCount"], run["completion"], run["passRate"]) == (2, 0.0, 0.0)
    assert run["counts"][0] == {"result": "UNTESTED", "count": 2}
    assert [count["result"] for count in run["counts"]] == [
        "UNTESTED",
        "PASSED",
        "FAILED",
        "BLOCKED",
        "SKIPPED",
        "RETEST",
    ]

    everything = await _create(as_manager, suite)
    assert everything["entryCount"] == 3


async def test_a_selection_outside_the_suite_is_refused_naming_each_id(
    as_manager: Browser, suite: RunSuite, platform: Platform, manager: User
) -> None:
    other = await run_suite(platform, manager, "Other")
    refused = await as_manager.post(
        CREATE_RUN,
        {"input": {"suiteId": suite.suite_id, "name": "N", "selection": {"caseIds": [other.login_high]}}},
    )
    assert error_codes(refused) == ["BAD_USER_INPUT"]
    assert other.login_high in refused.json()["errors"][0]["message"]
    unknown_suite = await as_manager.post(CREATE_RUN, {"input": {"suiteId": UNKNOWN_ID, "name": "N"}})
    assert error_codes(unknown_suite) == ["NOT_FOUND"]


async def test_every_role_records_results_and_only_managers_manage_runs(
    as_manager: Browser, as_tester: Browser, as_admin: Browser, service: str, suite: RunSuite, tester: User
) -> None:
    assert error_codes(await as_tester.post(CREATE_RUN, {"input": {"suiteId": suite.suite_id, "name": "N"}})) == [
        "FORBIDDEN"
    ]
    run = await _create(as_manager, suite)
    # Tester, Manager and Admin record; the first result starts the planned run.
    recorded = (await as_tester.data(RECORD_RESULT, _record(run["id"], suite.login_high, "PASSED", durationMs=1500)))[
        "recordRunResult"
    ]
    assert recorded["result"] == {
        "id": recorded["result"]["id"],
        "result": "PASSED",
        "comment": None,
        "durationMs": 1500.0,
        "source": "MANUAL",
        "recordedBy": {"username": tester.username},
    }
    assert recorded["entry"] == {"caseId": suite.login_high, "result": "PASSED"}
    assert (recorded["run"]["status"], recorded["run"]["completion"], recorded["run"]["passRate"]) == (
        "IN_PROGRESS",
        33.3,
        100.0,
    )
    await as_manager.data(RECORD_RESULT, _record(run["id"], suite.login_low, "FAILED", comment="500 on submit"))
    await as_admin.data(RECORD_RESULT, _record(run["id"], suite.pay_high, "BLOCKED", comment="no card stub"))
    # Anonymous callers (there is no read-only role: reading is every role's) may not record.
    async with browser(service) as anonymous:
        assert error_codes(await anonymous.post(RECORD_RESULT, _record(run["id"], suite.pay_high, "PASSED"))) == [
            "UNAUTHENTICATED"
        ]
    # A manual FAILED needs a comment; UNTESTED is never recorded; only whole milliseconds.
    for bad in (
        _record(run["id"], suite.pay_high, "FAILED"),
        _record(run["id"], suite.pay_high, "UNTESTED"),
        _record(run["id"], suite.pay_high, "PASSED", durationMs=1.5),
    ):
        assert error_codes(await as_tester.post(RECORD_RESULT, bad)) == ["BAD_USER_INPUT"]

    current = await _run(as_tester, run["id"])
    assert current["completion"] == 100.0
    assert {count["result"]: count["count"] for count in current["counts"]}["BLOCKED"] == 1
    entry_ids = [entry["id"] for entry in current["entries"]]
    assign = """
    mutation($r: ID!, $e: [ID!]!, $a: ID) {
      assignRunEntries(runId: $r, entryIds: $e, assigneeId: $a) { id assignee { username } }
    }
    """
    variables = {"r": run["id"], "e": entry_ids[:1], "a": str(tester.id)}
    assert error_codes(await as_tester.post(assign, variables)) == ["FORBIDDEN"]
    assigned = (await as_manager.data(assign, variables))["assignRunEntries"]
    assert assigned == [{"id": entry_ids[0], "assignee": {"username": tester.username}}]
    refused = await as_manager.post(assign, {**variables, "e": [UNKNOWN_ID]})
    assert error_codes(refused) == ["BAD_USER_INPUT"]

    abort = "mutation($id: ID!, $v: Int!) { abortTestRun(id: $id, version: $v) { status } }"
    assert error_codes(await as_tester.post(abort, {"id": run["id"], "v": current["version"]})) == ["FORBIDDEN"]


async def test_a_tester_completes_a_run_and_only_a_manager_reopens_it(
    as_manager: Browser, as_tester: Browser, suite: RunSuite
) -> None:
    run = await _create(as_manager, suite)
    transition = (
        "mutation($id: ID!, $v: Int!) {{ {name}(id: $id, version: $v) {{ status version startedAt completedAt }} }}"
    )
    complete = transition.format(name="completeTestRun")
    # A planned run is not completed: it was never started.
    assert error_codes(await as_tester.post(complete, {"id": run["id"], "v": 1})) == ["FAILED_PRECONDITION"]
    started = (await as_tester.data(transition.format(name="startTestRun"), {"id": run["id"], "v": 1}))["startTestRun"]
    assert error_codes(await as_tester.post(complete, {"id": run["id"], "v": 1})) == ["CONFLICT"]
    completed = (await as_tester.data(complete, {"id": run["id"], "v": 2}))["completeTestRun"]
    assert (completed["status"], completed["version"], completed["startedAt"]) == ("COMPLETED", 3, started["startedAt"])
    assert completed["completedAt"] is not None

    # Closed: no results, no edits, until a Manager reopens it.
    closed = await as_tester.post(RECORD_RESULT, _record(run["id"], suite.pay_high, "PASSED"))
    assert error_codes(closed) == ["FAILED_PRECONDITION"]
    reopen = transition.format(name="reopenTestRun")
    assert error_codes(await as_tester.post(reopen, {"id": run["id"], "v": 3})) == ["FORBIDDEN"]
    reopened = (await as_manager.data(reopen, {"id": run["id"], "v": 3}))["reopenTestRun"]
    assert (reopened["status"], reopened["completedAt"], reopened["startedAt"]) == (
        "IN_PROGRESS",
        None,
        started["startedAt"],
    )
    # An open run is not reopened.
    assert error_codes(await as_manager.post(reopen, {"id": run["id"], "v": 4})) == ["FAILED_PRECONDITION"]
    await as_tester.data(RECORD_RESULT, _record(run["id"], suite.pay_high, "PASSED"))


async def test_the_snapshot_stays_when_the_case_is_edited(as_manager: Browser, suite: RunSuite) -> None:
    run = await _create(as_manager, suite, selection={"caseIds": [suite.login_high]})
    await as_manager.data(
        'mutation($id: ID!) { updateTestCase(id: $id, version: 1, input: {title: "Log in", priority: LOW}) { id } }',
        {"id": suite.login_high},
    )
    data = await as_manager.data(
        "query($id: ID!) { testRun(id: $id) { entries { title priority case { title priority } } } }", {"id": run["id"]}
    )
    assert data["testRun"]["entries"] == [
        {"title": "Sign in", "priority": "HIGH", "case": {"title": "Log in", "priority": "LOW"}}
    ]
    await as_manager.data("mutation($id: ID!) { deleteTestCase(id: $id, version: 2) }", {"id": suite.login_high})
    data = await as_manager.data(
        "query($id: ID!) { testRun(id: $id) { entries { title case { id } } } }", {"id": run["id"]}
    )
    assert data["testRun"]["entries"] == [{"title": "Sign in", "case": None}]


async def test_drives_workflow_moves_only_legal_transitions_with_the_reason_in_the_history(
    as_manager: Browser, as_tester: Browser, suite: RunSuite, platform: Platform, tester: User
) -> None:
    for case_id in (suite.login_high, suite.login_low):
        await platform.cases.change_status(principal(tester), UUID(case_id), CaseStatus.TESTING)
    run = await _create(as_manager, suite, name="Nightly 42", drivesWorkflow=True)
    await as_tester.data(RECORD_RESULT, _record(run["id"], suite.login_high, "FAILED", comment="500 on submit"))
    await as_tester.data(RECORD_RESULT, _record(run["id"], suite.login_low, "PASSED"))
    # CREATED is no status a result moves.
    await as_tester.data(RECORD_RESULT, _record(run["id"], suite.pay_high, "FAILED", comment="declined"))
    # FIXING is none either: a second FAILED leaves the case where the first put it.
    await as_tester.data(RECORD_RESULT, _record(run["id"], suite.login_high, "FAILED", comment="still 500"))

    history = """
    query($id: ID!) {
      testCase(id: $id) { status historyConnection { edges { node { toStatus reason changedBy { username } } } } }
    }
    """
    cases = {}
    for case_id in (suite.login_high, suite.login_low, suite.pay_high):
        case = (await as_tester.data(history, {"id": case_id}))["testCase"]
        cases[case_id] = (case["status"], [edge["node"] for edge in case["historyConnection"]["edges"]][1:])
    moved_by = {"username": tester.username}
    assert cases[suite.login_high] == (
        "FIXING",
        [{"toStatus": "FIXING", "reason": "run Nightly 42: FAILED", "changedBy": moved_by}],
    )
    assert cases[suite.login_low] == (
        "REVIEW_WAITING",
        [{"toStatus": "REVIEW_WAITING", "reason": "run Nightly 42: PASSED", "changedBy": moved_by}],
    )
    assert cases[suite.pay_high] == ("CREATED", [])


async def test_updates_and_deletions_need_the_current_version(as_manager: Browser, suite: RunSuite) -> None:
    run = await _create(as_manager, suite)
    update = """
    mutation($id: ID!, $v: Int!, $i: UpdateTestRunInput!) {
      updateTestRun(id: $id, version: $v, input: $i) { name label description drivesWorkflow version }
    }
    """
    updated = (await as_manager.data(update, {"id": run["id"], "v": 1, "i": {"name": " Smoke ", "label": "staging"}}))[
        "updateTestRun"
    ]
    assert updated == {"name": "Smoke", "label": "staging", "description": None, "drivesWorkflow": False, "version": 2}
    assert error_codes(await as_manager.post(update, {"id": run["id"], "v": 1, "i": {"label": None}})) == ["CONFLICT"]
    assert error_codes(await as_manager.post(update, {"id": run["id"], "v": 2, "i": {"name": None}})) == [
        "BAD_USER_INPUT"
    ]
    delete = "mutation($id: ID!, $v: Int!) { deleteTestRun(id: $id, version: $v) }"
    assert error_codes(await as_manager.post(delete, {"id": run["id"], "v": 1})) == ["CONFLICT"]
    assert (await as_manager.data(delete, {"id": run["id"], "v": 2})) == {"deleteTestRun": run["id"]}
    assert (await as_manager.data("query($id: ID!) { testRun(id: $id) { id } }", {"id": run["id"]})) == {
        "testRun": None
    }


async def test_an_unknown_run_is_null_to_read_and_not_found_to_change(as_manager: Browser, suite: RunSuite) -> None:
    assert await as_manager.data("query($id: ID!) { testRun(id: $id) { id } }", {"id": UNKNOWN_ID}) == {"testRun": None}
    for document, variables in (
        ("mutation($id: ID!) { startTestRun(id: $id, version: 1) { id } }", {"id": UNKNOWN_ID}),
        ("mutation($id: ID!) { deleteTestRun(id: $id, version: 1) }", {"id": UNKNOWN_ID}),
        (RECORD_RESULT, _record(UNKNOWN_ID, suite.pay_high, "PASSED")),
        ("query($id: ID!) { testRuns(suiteId: $id) { totalCount } }", {"id": UNKNOWN_ID}),
    ):
        assert error_codes(await as_manager.post(document, variables)) == ["NOT_FOUND"], document
    # A case the run has no entry for is not found in it either.
    run = await _create(as_manager, suite, selection={"caseIds": [suite.login_high]})
    assert error_codes(await as_manager.post(RECORD_RESULT, _record(run["id"], suite.pay_high, "PASSED"))) == [
        "NOT_FOUND"
    ]


async def test_a_suites_runs_page_newest_first_and_filter_by_status(as_manager: Browser, suite: RunSuite) -> None:
    ids = [(await _create(as_manager, suite, name=f"Run {n}"))["id"] for n in range(3)]
    await as_manager.data("mutation($id: ID!) { startTestRun(id: $id, version: 1) { id } }", {"id": ids[1]})
    page = """
    query($suite: ID!, $status: TestRunStatus, $after: String) {
      testRuns(suiteId: $suite, filter: {status: $status}, first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id status } }
      }
      testSuite(id: $suite) { runs(first: 1) { totalCount edges { node { id entryCount } } } }
    }
    """
    first = await as_manager.data(page, {"suite": suite.suite_id})
    runs = first["testRuns"]
    assert (runs["totalCount"], runs["pageInfo"]["hasNextPage"]) == (3, True)
    assert [edge["node"]["id"] for edge in runs["edges"]] == [ids[2], ids[1]]
    rest = await as_manager.data(page, {"suite": suite.suite_id, "after": runs["pageInfo"]["endCursor"]})
    assert [edge["node"]["id"] for edge in rest["testRuns"]["edges"]] == [ids[0]]
    assert first["testSuite"]["runs"] == {"totalCount": 3, "edges": [{"node": {"id": ids[2], "entryCount": 3}}]}
    started = await as_manager.data(page, {"suite": suite.suite_id, "status": "IN_PROGRESS"})
    assert [edge["node"] for edge in started["testRuns"]["edges"]] == [{"id": ids[1], "status": "IN_PROGRESS"}]
    bad_cursor = await as_manager.post(page, {"suite": suite.suite_id, "after": "nonsense"})
    assert error_codes(bad_cursor) == ["BAD_USER_INPUT"]


async def test_managers_set_automation_keys_unique_within_the_suite(
    as_manager: Browser, as_tester: Browser, suite: RunSuite
) -> None:
    set_key = """
    mutation($id: ID!, $v: Int!, $k: String) {
      setAutomationKey(caseId: $id, version: $v, automationKey: $k) { automationKey version }
    }
    """
    key = "checkout.test_pay.TestCard.test_visa"
    assert error_codes(await as_tester.post(set_key, {"id": suite.pay_high, "v": 1, "k": key})) == ["FORBIDDEN"]
    assert (await as_manager.data(set_key, {"id": suite.pay_high, "v": 1, "k": key}))["setAutomationKey"] == {
        "automationKey": key,
        "version": 2,
    }
    assert error_codes(await as_manager.post(set_key, {"id": suite.pay_high, "v": 1, "k": "other"})) == ["CONFLICT"]
    taken = await as_manager.post(set_key, {"id": suite.login_high, "v": 1, "k": key})
    assert error_codes(taken) == ["FAILED_PRECONDITION"]
    removed = (await as_manager.data(set_key, {"id": suite.pay_high, "v": 2, "k": " "}))["setAutomationKey"]
    assert removed == {"automationKey": None, "version": 3}
