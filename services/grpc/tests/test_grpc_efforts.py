"""EffortService over the typed client, a real server and the real database."""

from datetime import timedelta

import grpc
import pytest
from grpc_harness import TIMEOUT, TODAY, Caller, field_violations, new_case, new_group, new_suite, proto_date

from tcm_contracts.generated.testsuite import v1


async def test_recorded_efforts_add_up_to_the_actual_effort(manager: Caller, tester: Caller) -> None:
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)

    first = await tester.clients.efforts.record_effort(
        v1.RecordEffortRequest(case_id=case.id, date=proto_date(TODAY - timedelta(days=1)), hours=1.5),
        timeout=TIMEOUT,
    )
    second = await tester.clients.efforts.record_effort(
        v1.RecordEffortRequest(case_id=case.id, date=proto_date(TODAY), hours=0.25, comment="retest"),
        timeout=TIMEOUT,
    )
    listed = await tester.clients.efforts.list_effort_records(
        v1.ListEffortRecordsRequest(case_id=case.id), timeout=TIMEOUT
    )
    first_page = await tester.clients.efforts.list_effort_records(
        v1.ListEffortRecordsRequest(case_id=case.id, page_size=1), timeout=TIMEOUT
    )

    assert first.effort_record is not None
    assert second.effort_record is not None
    assert (second.effort_record.hours, second.effort_record.comment) == (0.25, "retest")
    assert (second.effort_record.recorded_by_user_id, second.effort_record.recorded_by_username) == (
        str(tester.user.id),
        tester.user.username,
    )
    assert second.test_case is not None
    assert second.test_case.actual_effort == 1.75
    # Newest date first.
    assert listed.effort_records == [second.effort_record, first.effort_record]
    assert listed.total_hours == 1.75
    assert first_page.effort_records == [second.effort_record]
    assert first_page.total_hours == 1.75
    assert first_page.next_page_token


async def test_a_suite_requiring_comments_refuses_effort_without_one(manager: Caller, tester: Caller) -> None:
    suite = await new_suite(manager.clients, require_effort_comment=True)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await tester.clients.efforts.record_effort(
            v1.RecordEffortRequest(case_id=case.id, date=proto_date(TODAY), hours=25), timeout=TIMEOUT
        )

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(field_violations(refused.value)) == {"comment", "hours"}


async def test_a_completed_suite_refuses_effort_until_it_is_reopened(manager: Caller, tester: Caller) -> None:
    # docs/domain.md, closed suites: FAILED_PRECONDITION, as for any clash with the current state.
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)
    version = suite.version
    for status in (v1.TestSuiteStatus.IN_PROGRESS, v1.TestSuiteStatus.COMPLETED):
        changed = await manager.clients.suites.change_test_suite_status(
            v1.ChangeTestSuiteStatusRequest(id=suite.id, version=version, status=status), timeout=TIMEOUT
        )
        assert changed.test_suite is not None
        version = changed.test_suite.version
    request = v1.RecordEffortRequest(case_id=case.id, date=proto_date(TODAY), hours=1)

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await tester.clients.efforts.record_effort(request, timeout=TIMEOUT)

    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "is COMPLETED" in (refused.value.details() or "")
    listed = await tester.clients.efforts.list_effort_records(
        v1.ListEffortRecordsRequest(case_id=case.id), timeout=TIMEOUT
    )
    assert listed.effort_records == []
    await manager.clients.suites.change_test_suite_status(
        v1.ChangeTestSuiteStatusRequest(id=suite.id, version=version, status=v1.TestSuiteStatus.IN_PROGRESS),
        timeout=TIMEOUT,
    )
    recorded = await tester.clients.efforts.record_effort(request, timeout=TIMEOUT)
    assert recorded.effort_record is not None
