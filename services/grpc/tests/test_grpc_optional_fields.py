"""Every documented optional field of the gRPC write requests has an effect that a client can see: it
is kept and read back, or (where the contract says so) refused. None is accepted and dropped."""

from datetime import timedelta

import grpc
import pytest
from grpc_harness import TIMEOUT, TODAY, Caller, field_violations, new_case, new_group, new_suite, proto_date

from tcm_contracts.generated.testsuite import v1


async def test_create_and_record_keep_every_optional_field(manager: Caller, tester: Caller) -> None:
    created = await manager.clients.suites.create_test_suite(
        v1.CreateTestSuiteRequest(
            name="optional fields",
            description="kept",
            estimated_start_date=proto_date(TODAY),
            estimated_end_date=proto_date(TODAY + timedelta(days=3)),
            require_effort_comment=True,
        ),
        timeout=TIMEOUT,
    )
    suite = created.test_suite
    assert suite is not None
    assert (suite.description, suite.require_effort_comment) == ("kept", True)

    group = (
        await manager.clients.groups.create_test_group(
            v1.CreateTestGroupRequest(suite_id=suite.id, name="G", description="group kept"), timeout=TIMEOUT
        )
    ).test_group
    assert group is not None
    assert group.description == "group kept"

    case = (
        await manager.clients.cases.create_test_case(
            v1.CreateTestCaseRequest(
                group_id=group.id,
                title="C",
                description="case kept",
                priority=v1.TestCasePriority.HIGH,
                planned_effort=2.5,
            ),
            timeout=TIMEOUT,
        )
    ).test_case
    assert case is not None
    assert (case.description, case.priority, case.planned_effort) == ("case kept", v1.TestCasePriority.HIGH, 2.5)

    moved = await tester.clients.cases.change_test_case_status(
        v1.ChangeTestCaseStatusRequest(
            id=case.id, version=case.version, status=v1.TestCaseStatus.TESTING, reason="starting"
        ),
        timeout=TIMEOUT,
    )
    assert moved.test_case is not None
    history = await tester.clients.cases.list_test_case_history(
        v1.ListTestCaseHistoryRequest(case_id=case.id), timeout=TIMEOUT
    )
    assert [change.reason for change in history.status_changes] == ["starting"]

    recorded = await tester.clients.efforts.record_effort(
        v1.RecordEffortRequest(case_id=case.id, date=proto_date(TODAY), hours=1, comment="effort kept"),
        timeout=TIMEOUT,
    )
    assert recorded.effort_record is not None
    assert recorded.effort_record.comment == "effort kept"


async def test_optional_fields_the_contract_refuses_are_refused(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    group = await new_group(manager.clients, suite.id)
    await new_case(manager.clients, group.id)
    refused = {
        "reason": manager.clients.suites.change_test_suite_status(
            v1.ChangeTestSuiteStatusRequest(
                id=suite.id, version=suite.version, status=v1.TestSuiteStatus.IN_PROGRESS, reason="why"
            ),
            timeout=TIMEOUT,
        ),
        "display_order": manager.clients.groups.create_test_group(
            v1.CreateTestGroupRequest(suite_id=suite.id, name="first?", display_order=0), timeout=TIMEOUT
        ),
    }
    for field, call in refused.items():
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await call
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert set(field_violations(error.value)) == {field}
