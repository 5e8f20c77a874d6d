"""Suites, groups, cases and efforts through GraphQL: every mutation, the policy, the rule violations."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from graphql_harness import Browser, browser, error_codes

from tcm_common.domain.user import User
from tcm_common.testing.clock import FIXED_TODAY

TODAY = FIXED_TODAY  # the service's clock (graphql_harness)
SUITE = "id name description status allowedTransitions estimatedStartDate estimatedEndDate version"
CREATE_SUITE = f"mutation($i: CreateTestSuiteInput!) {{ createTestSuite(input: $i) {{ {SUITE} }} }}"
CREATE_GROUP = "mutation($i: CreateTestGroupInput!) { createTestGroup(input: $i) { id version displayOrder } }"
CREATE_CASE = (
    "mutation($i: CreateTestCaseInput!) { createTestCase(input: $i) "
    "{ id version status priority plannedEffort allowedTransitions } }"
)


def suite_input(name: str = "Release 1", **fields: Any) -> dict[str, Any]:
    return {
        "name": name,
        "estimatedStartDate": str(TODAY),
        "estimatedEndDate": str(TODAY + timedelta(days=10)),
        **fields,
    }


@pytest.fixture
async def as_manager(service: str, manager: User) -> AsyncIterator[Browser]:
    async with browser(service) as client:
        await client.login(manager.username)
        yield client


@pytest.fixture
async def as_tester(service: str, tester: User) -> AsyncIterator[Browser]:
    async with browser(service) as client:
        await client.login(tester.username)
        yield client


async def _suite(client: Browser, **fields: Any) -> dict[str, Any]:
    created: dict[str, Any] = (await client.data(CREATE_SUITE, {"i": suite_input(**fields)}))["createTestSuite"]
    return created


async def _group(client: Browser, suite_id: str, name: str = "Login") -> dict[str, Any]:
    data = await client.data(CREATE_GROUP, {"i": {"suiteId": suite_id, "name": name}})
    group: dict[str, Any] = data["createTestGroup"]
    return group


async def _case(client: Browser, group_id: str, **fields: Any) -> dict[str, Any]:
    data = await client.data(CREATE_CASE, {"i": {"groupId": group_id, "title": "Signs in", **fields}})
    case: dict[str, Any] = data["createTestCase"]
    return case


async def test_a_tester_can_not_create_a_suite_but_a_manager_can(as_tester: Browser, as_manager: Browser) -> None:
    refused = await as_tester.post(CREATE_SUITE, {"i": suite_input()})
    assert error_codes(refused) == ["FORBIDDEN"]
    assert refused.json()["data"] is None
    suite = await _suite(as_manager, description="  smoke  ")
    assert suite["status"] == "PREPARATION"
    assert suite["allowedTransitions"] == ["IN_PROGRESS", "SUSPENDED"]
    assert (suite["description"], suite["version"]) == ("smoke", 1)
    read = await as_tester.data("query($id: ID!) { testSuite(id: $id) { name } }", {"id": suite["id"]})
    assert read == {"testSuite": {"name": "Release 1"}}


async def test_suite_rule_violations_are_bad_user_input_naming_the_fields(as_manager: Browser) -> None:
    response = await as_manager.post(
        CREATE_SUITE,
        {"i": suite_input(name=" ", estimatedEndDate=str(TODAY - timedelta(days=1)))},
    )
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert {field["field"] for field in error["extensions"]["fields"]} == {"name", "estimatedEndDate"}
    # The SDL requires both dates (Date!): GraphQL validation names each missing one.
    missing = await as_manager.post(CREATE_SUITE, {"i": {"name": "No dates"}})
    assert error_codes(missing) == ["BAD_USER_INPUT", "BAD_USER_INPUT"]
    messages = " ".join(error["message"] for error in missing.json()["errors"])
    assert "estimatedStartDate" in messages
    assert "estimatedEndDate" in messages
    bad_date = await as_manager.post(CREATE_SUITE, {"i": suite_input(estimatedStartDate="29/11/2026")})
    assert error_codes(bad_date) == ["BAD_USER_INPUT"]
    assert "ISO 8601" in bad_date.json()["errors"][0]["message"]


async def test_update_change_status_and_optimistic_concurrency(as_manager: Browser) -> None:
    suite = await _suite(as_manager, description="first")
    update = (
        "mutation($id: ID!, $v: Int!, $i: UpdateTestSuiteInput!) "
        "{ updateTestSuite(id: $id, version: $v, input: $i) "
        "{ name description requireEffortComment version } }"
    )
    updated = await as_manager.data(
        update, {"id": suite["id"], "v": 1, "i": {"name": "Release 1.1", "description": None}}
    )
    assert updated["updateTestSuite"] == {
        "name": "Release 1.1",
        "description": None,
        "requireEffortComment": False,
        "version": 2,
    }
    stale = await as_manager.post(update, {"id": suite["id"], "v": 1, "i": {"name": "lost update"}})
    assert error_codes(stale) == ["CONFLICT"]
    assert "reload" in stale.json()["errors"][0]["message"]
    change = (
        "mutation($id: ID!, $v: Int!, $s: TestSuiteStatus!) "
        "{ changeTestSuiteStatus(id: $id, version: $v, status: $s) { status version allowedTransitions } }"
    )
    moved = await as_manager.data(change, {"id": suite["id"], "v": 2, "s": "IN_PROGRESS"})
    assert moved["changeTestSuiteStatus"] == {
        "status": "IN_PROGRESS",
        "version": 3,
        "allowedTransitions": ["COMPLETED", "SUSPENDED"],
    }
    illegal = await as_manager.post(change, {"id": suite["id"], "v": 3, "s": "PREPARATION"})
    assert error_codes(illegal) == ["FAILED_PRECONDITION"]
    assert "IN_PROGRESS to PREPARATION" in illegal.json()["errors"][0]["message"]
    cleared = await as_manager.post(update, {"id": suite["id"], "v": 3, "i": {"name": None}})
    assert error_codes(cleared) == ["BAD_USER_INPUT"]


async def test_groups_are_created_in_order_reordered_and_deleted(as_manager: Browser, as_tester: Browser) -> None:
    suite = await _suite(as_manager)
    first, second = await _group(as_manager, suite["id"], "A"), await _group(as_manager, suite["id"], "B")
    assert (first["displayOrder"], second["displayOrder"]) == (0, 1)
    reorder = "mutation($s: ID!, $g: [ID!]!) { reorderGroups(suiteId: $s, groupIds: $g) { id displayOrder } }"
    assert error_codes(await as_tester.post(reorder, {"s": suite["id"], "g": [second["id"], first["id"]]})) == [
        "FORBIDDEN"
    ]
    reordered = await as_manager.data(reorder, {"s": suite["id"], "g": [second["id"], first["id"]]})
    assert [g["id"] for g in reordered["reorderGroups"]] == [second["id"], first["id"]]
    incomplete = await as_manager.post(reorder, {"s": suite["id"], "g": [first["id"]]})
    assert error_codes(incomplete) == ["BAD_USER_INPUT"]
    renamed = await as_manager.data(
        'mutation($id: ID!, $v: Int!) { updateTestGroup(id: $id, version: $v, input: {name: "A2"}) '
        "{ name version suite { id } } }",
        {"id": first["id"], "v": 2},
    )
    assert renamed["updateTestGroup"] == {"name": "A2", "version": 3, "suite": {"id": suite["id"]}}
    await _case(as_manager, first["id"])
    delete = "mutation($id: ID!, $v: Int!, $c: Boolean) { deleteTestGroup(id: $id, version: $v, cascade: $c) }"
    has_cases = await as_manager.post(delete, {"id": first["id"], "v": 3, "c": False})
    assert error_codes(has_cases) == ["FAILED_PRECONDITION"]
    assert "cascade" in has_cases.json()["errors"][0]["message"]
    assert await as_manager.data(delete, {"id": first["id"], "v": 3, "c": True}) == {"deleteTestGroup": first["id"]}
    gone = await as_manager.data("query($id: ID!) { testGroup(id: $id) { id } }", {"id": first["id"]})
    assert gone == {"testGroup": None}


async def test_cases_move_through_the_workflow_with_history_and_efforts(
    as_manager: Browser, as_tester: Browser, tester: User
) -> None:
    suite = await _suite(as_manager, requireEffortComment=True)
    group = await _group(as_manager, suite["id"])
    case = await _case(as_manager, group["id"], priority="HIGH", plannedEffort=2.5)
    assert (case["status"], case["priority"], case["plannedEffort"]) == ("CREATED", "HIGH", 2.5)
    assert case["allowedTransitions"] == ["TESTING"]
    change = (
        "mutation($id: ID!, $v: Int!, $s: TestCaseStatus!, $r: String) "
        "{ changeTestCaseStatus(id: $id, version: $v, status: $s, reason: $r) { status version } }"
    )
    assert error_codes(await as_tester.post(change, {"id": case["id"], "v": 1, "s": "COMPLETED"})) == [
        "FAILED_PRECONDITION"
    ]
    moved = await as_tester.data(change, {"id": case["id"], "v": 1, "s": "TESTING", "r": "started"})
    assert moved["changeTestCaseStatus"] == {"status": "TESTING", "version": 2}
    record = (
        "mutation($i: RecordEffortInput!) { recordEffort(input: $i) { hours comment date recordedBy { username } } }"
    )
    no_comment = await as_tester.post(record, {"i": {"caseId": case["id"], "date": str(TODAY), "hours": 1.5}})
    assert error_codes(no_comment) == ["BAD_USER_INPUT"]
    assert no_comment.json()["errors"][0]["extensions"]["fields"][0]["field"] == "comment"
    too_long = await as_tester.post(
        record, {"i": {"caseId": case["id"], "date": str(TODAY), "hours": 25, "comment": "x"}}
    )
    assert error_codes(too_long) == ["BAD_USER_INPUT"]
    recorded = await as_tester.data(
        record, {"i": {"caseId": case["id"], "date": str(TODAY), "hours": 1.5, "comment": "setup"}}
    )
    assert recorded["recordEffort"] == {
        "hours": 1.5,
        "comment": "setup",
        "date": str(TODAY),
        "recordedBy": {"username": tester.username},
    }
    read = await as_tester.data(
        "query($id: ID!) { testCase(id: $id) { actualEffort isDelayed delayDays group { id } "
        "history { fromStatus toStatus reason changedBy { username } changedAt } efforts { hours } } }",
        {"id": case["id"]},
    )
    found = read["testCase"]
    assert (found["actualEffort"], found["isDelayed"], found["delayDays"]) == (1.5, False, 0)
    assert found["group"] == {"id": group["id"]}
    [step] = found["history"]
    assert (step["fromStatus"], step["toStatus"], step["reason"]) == ("CREATED", "TESTING", "started")
    assert step["changedBy"] == {"username": tester.username}
    assert step["changedAt"].endswith("Z")
    update = (
        "mutation($id: ID!, $v: Int!, $i: UpdateTestCaseInput!) "
        "{ updateTestCase(id: $id, version: $v, input: $i) { title plannedEffort priority version } }"
    )
    updated = await as_manager.data(update, {"id": case["id"], "v": 2, "i": {"plannedEffort": None, "priority": "LOW"}})
    assert updated["updateTestCase"] == {
        "title": "Signs in",
        "plannedEffort": None,
        "priority": "LOW",
        "version": 3,
    }
    assert error_codes(await as_tester.post(update, {"id": case["id"], "v": 3, "i": {"title": "x"}})) == ["FORBIDDEN"]
    delete = "mutation($id: ID!, $v: Int!) { deleteTestCase(id: $id, version: $v) }"
    assert error_codes(await as_manager.post(delete, {"id": case["id"], "v": 1})) == ["CONFLICT"]
    assert await as_manager.data(delete, {"id": case["id"], "v": 3}) == {"deleteTestCase": case["id"]}


async def test_progress_counts_and_delay_come_with_the_suite(as_manager: Browser) -> None:
    suite = await _suite(
        as_manager,
        estimatedStartDate=str(TODAY - timedelta(days=10)),
        estimatedEndDate=str(TODAY - timedelta(days=3)),
    )
    group = await _group(as_manager, suite["id"])
    case = await _case(as_manager, group["id"])
    await as_manager.data(
        "mutation($id: ID!) { changeTestCaseStatus(id: $id, version: 1, status: TESTING) { id } }",
        {"id": case["id"]},
    )
    read = await as_manager.data(
        "query($id: ID!) { testSuite(id: $id) { progress groupCount caseCount "
        "groups { progress caseCount cases { isDelayed delayDays } } } }",
        {"id": suite["id"]},
    )
    assert read["testSuite"] == {
        "progress": 25.0,
        "groupCount": 1,
        "caseCount": 1,
        "groups": [{"progress": 25.0, "caseCount": 1, "cases": [{"isDelayed": True, "delayDays": 3}]}],
    }


async def test_deleting_a_suite_with_groups_needs_cascade(as_manager: Browser) -> None:
    suite = await _suite(as_manager)
    await _group(as_manager, suite["id"])
    delete = "mutation($id: ID!, $c: Boolean) { deleteTestSuite(id: $id, version: 1, cascade: $c) }"
    assert error_codes(await as_manager.post(delete, {"id": suite["id"], "c": False})) == ["FAILED_PRECONDITION"]
    assert await as_manager.data(delete, {"id": suite["id"], "c": True}) == {"deleteTestSuite": suite["id"]}
    missing = await as_manager.post(delete, {"id": suite["id"], "c": True})
    assert error_codes(missing) == ["NOT_FOUND"]


async def test_reads_of_unknown_or_malformed_ids(as_tester: Browser) -> None:
    unknown = await as_tester.data(
        '{ testSuite(id: "00000000-0000-0000-0000-000000000000") { id } '
        'testCase(id: "00000000-0000-0000-0000-000000000000") { id } }'
    )
    assert unknown == {"testSuite": None, "testCase": None}
    malformed = await as_tester.post('{ testSuite(id: "TS001-202611") { id } }')
    assert error_codes(malformed) == ["BAD_USER_INPUT"]


async def test_the_suite_list_filters_and_pages_with_cursors(as_manager: Browser) -> None:
    tag = f"page-{datetime.now(UTC).timestamp()}"
    for n in range(3):
        await _suite(as_manager, name=f"{tag} {n}")
    page = (
        "query($f: TestSuiteFilter, $after: String) { testSuites(filter: $f, first: 2, after: $after) "
        "{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }"
    )
    first = (await as_manager.data(page, {"f": {"search": tag, "status": "PREPARATION"}}))["testSuites"]
    assert first["totalCount"] == 3
    assert [edge["node"]["name"] for edge in first["edges"]] == [f"{tag} 2", f"{tag} 1"]
    assert first["pageInfo"]["hasNextPage"] is True
    after = first["pageInfo"]["endCursor"]
    second = (await as_manager.data(page, {"f": {"search": tag}, "after": after}))["testSuites"]
    assert [edge["node"]["name"] for edge in second["edges"]] == [f"{tag} 0"]
    assert second["pageInfo"] == {"hasNextPage": False, "endCursor": second["edges"][0]["cursor"]}
    none = (await as_manager.data(page, {"f": {"search": tag, "status": "COMPLETED"}}))["testSuites"]
    assert none["totalCount"] == 0
    bad_cursor = await as_manager.post(page, {"f": {"search": tag}, "after": "not-a-cursor"})
    assert error_codes(bad_cursor) == ["BAD_USER_INPUT"]


async def test_a_completed_suite_refuses_writes_under_it_as_a_failed_precondition(
    as_manager: Browser, as_tester: Browser
) -> None:
    suite = await _suite(as_manager)
    group = await _group(as_manager, suite["id"])
    case = await _case(as_manager, group["id"])
    change = (
        "mutation($id: ID!, $v: Int!, $s: TestSuiteStatus!) "
        "{ changeTestSuiteStatus(id: $id, version: $v, status: $s) { version } }"
    )
    await as_manager.data(change, {"id": suite["id"], "v": 1, "s": "IN_PROGRESS"})
    await as_manager.data(change, {"id": suite["id"], "v": 2, "s": "COMPLETED"})

    effort = await as_tester.post(
        "mutation($i: RecordEffortInput!) { recordEffort(input: $i) { id } }",
        {"i": {"caseId": case["id"], "date": str(TODAY), "hours": 1}},
    )
    moved = await as_tester.post(
        "mutation($id: ID!, $v: Int!) { changeTestCaseStatus(id: $id, version: $v, status: TESTING) { id } }",
        {"id": case["id"], "v": case["version"]},
    )
    added = await as_manager.post(CREATE_CASE, {"i": {"groupId": group["id"], "title": "late"}})
    for refused in (effort, moved, added):
        assert error_codes(refused) == ["FAILED_PRECONDITION"]
        assert "is COMPLETED" in refused.json()["errors"][0]["message"]
    read = await as_tester.data(
        "query($id: ID!) { testCase(id: $id) { status actualEffort } }", {"id": case["id"]}
    )
    assert read == {"testCase": {"status": "CREATED", "actualEffort": 0}}
