"""TestSuiteService over the typed client, a real server and the real database (WatchTestSuite: see
test_grpc_watch.py)."""

from datetime import timedelta

import grpc
import pytest
from grpc_harness import (
    TIMEOUT,
    TODAY,
    Caller,
    field_violations,
    new_case,
    new_group,
    new_suite,
    proto_date,
    unique_name,
)

from tcm_contracts.generated.testsuite import v1


async def test_create_answers_the_new_suite_in_preparation(manager: Caller) -> None:
    response = await manager.clients.suites.create_test_suite(
        v1.CreateTestSuiteRequest(
            name="  Release 7  ",
            description="regression",
            estimated_start_date=proto_date(TODAY),
            estimated_end_date=proto_date(TODAY + timedelta(days=10)),
            require_effort_comment=True,
        ),
        timeout=TIMEOUT,
    )

    suite = response.test_suite
    assert suite is not None
    assert suite.name == "Release 7"
    assert suite.description == "regression"
    assert suite.status == v1.TestSuiteStatus.PREPARATION
    assert suite.version == 1
    assert suite.estimated_end_date == proto_date(TODAY + timedelta(days=10))
    assert suite.require_effort_comment is True
    assert (suite.progress, suite.group_count, suite.case_count) == (0, 0, 0)
    assert suite.created_at is not None
    assert suite.created_at.tzinfo is not None


async def test_get_answers_the_suite_with_its_groups_and_cases_on_request(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    first, second = await new_group(manager.clients, suite.id), await new_group(manager.clients, suite.id)
    case = await new_case(manager.clients, first.id, priority=v1.TestCasePriority.CRITICAL)
    await new_case(manager.clients, first.id, priority=v1.TestCasePriority.LOW)
    await manager.clients.cases.change_test_case_status(
        v1.ChangeTestCaseStatusRequest(id=case.id, version=case.version, status=v1.TestCaseStatus.TESTING),
        timeout=TIMEOUT,
    )

    plain = await manager.clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=suite.id), timeout=TIMEOUT)
    with_groups = await manager.clients.suites.get_test_suite(
        v1.GetTestSuiteRequest(id=suite.id, include_groups=True), timeout=TIMEOUT
    )
    with_cases = await manager.clients.suites.get_test_suite(
        v1.GetTestSuiteRequest(id=suite.id, include_cases=True), timeout=TIMEOUT
    )

    assert plain.test_suite is not None
    assert (plain.test_suite.group_count, plain.test_suite.case_count) == (2, 2)
    # CRITICAL (weight 4) at 0.25, LOW (weight 1) at 0: 4 * 0.25 / 5 = 20 %.
    assert plain.test_suite.progress == pytest.approx(20.0)
    assert plain.groups == []
    assert [group.test_group.id for group in with_groups.groups if group.test_group] == [first.id, second.id]
    assert all(group.test_cases == [] for group in with_groups.groups)
    assert [len(group.test_cases) for group in with_cases.groups] == [2, 0]
    assert with_cases.groups[0].test_group is not None
    assert with_cases.groups[0].test_group.progress == pytest.approx(20.0)


async def test_list_filters_and_pages_newest_first(manager: Caller, tester: Caller) -> None:
    marker = unique_name("listing")
    created = [await new_suite(manager.clients, name=f"{marker} {index}") for index in range(3)]
    started = created[1]
    await manager.clients.suites.change_test_suite_status(
        v1.ChangeTestSuiteStatusRequest(id=started.id, version=started.version, status=v1.TestSuiteStatus.IN_PROGRESS),
        timeout=TIMEOUT,
    )

    seen: list[str] = []
    token = ""
    while True:
        page = await tester.clients.suites.list_test_suites(
            v1.ListTestSuitesRequest(search=marker, page_size=2, page_token=token), timeout=TIMEOUT
        )
        assert page.total_count == 3
        seen.extend(suite.id for suite in page.test_suites)
        token = page.next_page_token
        if not token:
            break
    in_progress = await tester.clients.suites.list_test_suites(
        v1.ListTestSuitesRequest(search=marker, status=v1.TestSuiteStatus.IN_PROGRESS), timeout=TIMEOUT
    )

    assert seen == [suite.id for suite in reversed(created)]
    assert [suite.id for suite in in_progress.test_suites] == [started.id]
    assert in_progress.total_count == 1


async def test_list_filters_by_the_date_window(manager: Caller) -> None:
    marker = unique_name("window")
    early = await new_suite(manager.clients, name=marker)
    late = await manager.clients.suites.create_test_suite(
        v1.CreateTestSuiteRequest(
            name=marker,
            estimated_start_date=proto_date(TODAY + timedelta(days=100)),
            estimated_end_date=proto_date(TODAY + timedelta(days=110)),
        ),
        timeout=TIMEOUT,
    )

    later = await manager.clients.suites.list_test_suites(
        v1.ListTestSuitesRequest(search=marker, start_from=proto_date(TODAY + timedelta(days=50))),
        timeout=TIMEOUT,
    )
    sooner = await manager.clients.suites.list_test_suites(
        v1.ListTestSuitesRequest(search=marker, end_to=proto_date(TODAY + timedelta(days=50))),
        timeout=TIMEOUT,
    )

    assert late.test_suite is not None
    assert [suite.id for suite in later.test_suites] == [late.test_suite.id]
    assert [suite.id for suite in sooner.test_suites] == [early.id]


async def test_update_changes_only_the_fields_that_are_set(manager: Caller) -> None:
    suite = await new_suite(manager.clients, description="to be cleared")

    renamed = await manager.clients.suites.update_test_suite(
        v1.UpdateTestSuiteRequest(id=suite.id, version=suite.version, name="renamed"), timeout=TIMEOUT
    )
    assert renamed.test_suite is not None
    cleared = await manager.clients.suites.update_test_suite(
        v1.UpdateTestSuiteRequest(
            id=suite.id,
            version=renamed.test_suite.version,
            description="",
            estimated_end_date=proto_date(TODAY + timedelta(days=60)),
            require_effort_comment=True,
        ),
        timeout=TIMEOUT,
    )

    assert renamed.test_suite.name == "renamed"
    assert renamed.test_suite.description == "to be cleared"
    assert renamed.test_suite.version == suite.version + 1
    assert cleared.test_suite is not None
    assert cleared.test_suite.name == "renamed"
    assert cleared.test_suite.description is None
    assert cleared.test_suite.estimated_end_date == proto_date(TODAY + timedelta(days=60))
    assert cleared.test_suite.estimated_start_date == suite.estimated_start_date
    assert cleared.test_suite.require_effort_comment is True
    assert cleared.test_suite.version == suite.version + 2


async def test_status_changes_follow_the_workflow(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    version = suite.version

    statuses = []
    for status in (
        v1.TestSuiteStatus.IN_PROGRESS,
        v1.TestSuiteStatus.SUSPENDED,
        v1.TestSuiteStatus.IN_PROGRESS,
        v1.TestSuiteStatus.COMPLETED,
        v1.TestSuiteStatus.IN_PROGRESS,  # reopened
    ):
        response = await manager.clients.suites.change_test_suite_status(
            v1.ChangeTestSuiteStatusRequest(id=suite.id, version=version, status=status),
            timeout=TIMEOUT,
        )
        assert response.test_suite is not None
        version = response.test_suite.version
        statuses.append(response.test_suite.status)

    assert statuses[-1] == v1.TestSuiteStatus.IN_PROGRESS
    assert version == suite.version + 5


async def test_a_suite_status_reason_is_refused_not_dropped(manager: Caller) -> None:
    # Suites keep no status history: the contract says a reason is refused, and it is.
    suite = await new_suite(manager.clients)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await manager.clients.suites.change_test_suite_status(
            v1.ChangeTestSuiteStatusRequest(
                id=suite.id, version=suite.version, status=v1.TestSuiteStatus.IN_PROGRESS, reason="planned"
            ),
            timeout=TIMEOUT,
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(field_violations(refused.value)) == {"reason"}
    unchanged = await manager.clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=suite.id), timeout=TIMEOUT)
    assert unchanged.test_suite == suite


async def test_delete_needs_cascade_for_a_suite_with_groups(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    group = await new_group(manager.clients, suite.id)
    case = await new_case(manager.clients, group.id)
    empty = await new_suite(manager.clients)

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await manager.clients.suites.delete_test_suite(v1.DeleteTestSuiteRequest(id=suite.id), timeout=TIMEOUT)
    await manager.clients.suites.delete_test_suite(
        v1.DeleteTestSuiteRequest(id=suite.id, cascade=True, version=suite.version), timeout=TIMEOUT
    )
    await manager.clients.suites.delete_test_suite(v1.DeleteTestSuiteRequest(id=empty.id), timeout=TIMEOUT)

    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    for suite_id in (suite.id, empty.id):
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await manager.clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=suite_id), timeout=TIMEOUT)
        assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as missing_case:
        await manager.clients.cases.get_test_case(v1.GetTestCaseRequest(id=case.id), timeout=TIMEOUT)
    assert missing_case.value.code() == grpc.StatusCode.NOT_FOUND
