"""TestCaseService over the typed client, a real server and the real database."""

from datetime import timedelta

import grpc
import pytest
from grpc_harness import TIMEOUT, TODAY, Caller, new_case, new_group, new_suite

from tcm_contracts.generated.testsuite import v1


async def test_create_answers_the_case_with_its_computed_values(manager: Caller) -> None:
    suite = await new_suite(manager.clients, end=TODAY - timedelta(days=3))
    group = await new_group(manager.clients, suite.id)

    response = await manager.clients.cases.create_test_case(
        v1.CreateTestCaseRequest(
            group_id=group.id,
            title="log in with a locked account",
            description="expect a uniform error",
            priority=v1.TestCasePriority.HIGH,
            planned_effort=1.5,
        ),
        timeout=TIMEOUT,
    )

    case = response.test_case
    assert case is not None
    assert (case.title, case.description) == ("log in with a locked account", "expect a uniform error")
    assert (case.status, case.priority) == (v1.TestCaseStatus.CREATED, v1.TestCasePriority.HIGH)
    assert (case.planned_effort, case.actual_effort) == (1.5, 0)
    # The suite ended three days ago and the case is not completed.
    assert (case.is_delayed, case.delay_days) == (True, 3)


async def test_priority_defaults_to_medium_and_get_answers_the_case(manager: Caller, tester: Caller) -> None:
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)

    response = await tester.clients.cases.get_test_case(v1.GetTestCaseRequest(id=case.id), timeout=TIMEOUT)

    assert case.priority == v1.TestCasePriority.MEDIUM
    assert response.test_case == case


async def test_list_filters_by_status_and_pages(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    group = await new_group(manager.clients, suite.id)
    cases = [await new_case(manager.clients, group.id) for _ in range(3)]
    await manager.clients.cases.change_test_case_status(
        v1.ChangeTestCaseStatusRequest(id=cases[1].id, version=cases[1].version, status=v1.TestCaseStatus.TESTING),
        timeout=TIMEOUT,
    )

    first = await manager.clients.cases.list_test_cases(
        v1.ListTestCasesRequest(group_id=group.id, page_size=2), timeout=TIMEOUT
    )
    second = await manager.clients.cases.list_test_cases(
        v1.ListTestCasesRequest(group_id=group.id, page_size=2, page_token=first.next_page_token),
        timeout=TIMEOUT,
    )
    testing = await manager.clients.cases.list_test_cases(
        v1.ListTestCasesRequest(group_id=group.id, status=v1.TestCaseStatus.TESTING), timeout=TIMEOUT
    )

    assert [case.id for case in first.test_cases + second.test_cases] == [case.id for case in cases]
    assert second.next_page_token == ""
    assert [case.id for case in testing.test_cases] == [cases[1].id]


async def test_update_sets_and_clears_the_planned_effort(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)

    planned = await manager.clients.cases.update_test_case(
        v1.UpdateTestCaseRequest(
            id=case.id,
            version=case.version,
            planned_effort=2.25,
            priority=v1.TestCasePriority.LOW,
            title="renamed",
        ),
        timeout=TIMEOUT,
    )
    assert planned.test_case is not None
    cleared = await manager.clients.cases.update_test_case(
        v1.UpdateTestCaseRequest(id=case.id, version=planned.test_case.version, clear_planned_effort=True),
        timeout=TIMEOUT,
    )

    assert planned.test_case.planned_effort == 2.25
    assert (planned.test_case.priority, planned.test_case.title) == (v1.TestCasePriority.LOW, "renamed")
    assert cleared.test_case is not None
    assert cleared.test_case.planned_effort is None
    assert cleared.test_case.title == "renamed"


async def test_status_changes_answer_the_history_entry_and_build_the_history(manager: Caller, tester: Caller) -> None:
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)

    version = case.version
    changes = []
    for status, reason in (
        (v1.TestCaseStatus.TESTING, None),
        (v1.TestCaseStatus.FIXING, "button misaligned"),
        (v1.TestCaseStatus.RETESTING, None),
    ):
        response = await tester.clients.cases.change_test_case_status(
            v1.ChangeTestCaseStatusRequest(id=case.id, version=version, status=status, reason=reason),
            timeout=TIMEOUT,
        )
        assert response.test_case is not None
        assert response.status_change is not None
        version = response.test_case.version
        changes.append(response.status_change)
    history = await tester.clients.cases.list_test_case_history(
        v1.ListTestCaseHistoryRequest(case_id=case.id), timeout=TIMEOUT
    )
    first_page = await tester.clients.cases.list_test_case_history(
        v1.ListTestCaseHistoryRequest(case_id=case.id, page_size=1), timeout=TIMEOUT
    )

    assert history.status_changes == changes
    assert [(c.from_status, c.to_status) for c in changes] == [
        (v1.TestCaseStatus.CREATED, v1.TestCaseStatus.TESTING),
        (v1.TestCaseStatus.TESTING, v1.TestCaseStatus.FIXING),
        (v1.TestCaseStatus.FIXING, v1.TestCaseStatus.RETESTING),
    ]
    assert changes[1].reason == "button misaligned"
    assert {change.changed_by_user_id for change in changes} == {str(tester.user.id)}
    assert first_page.status_changes == changes[:1]
    assert first_page.next_page_token


async def test_delete_removes_the_case(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)

    await manager.clients.cases.delete_test_case(
        v1.DeleteTestCaseRequest(id=case.id, version=case.version), timeout=TIMEOUT
    )

    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await manager.clients.cases.get_test_case(v1.GetTestCaseRequest(id=case.id), timeout=TIMEOUT)
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
