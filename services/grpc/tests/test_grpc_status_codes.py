"""Every status code the service sends, through the typed client against the real server, with the
rich error details (google.rpc.Status) and never anything internal."""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from uuid import uuid4

import asyncpg
import grpc
import pytest
from grpc_harness import (
    TIMEOUT,
    TODAY,
    Caller,
    error_reason,
    field_violations,
    new_case,
    new_group,
    new_suite,
    proto_date,
)

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.testing import (
    TEST_PASSWORD,
    auth_services_for_tests,
    auth_settings_for_tests,
    create_user,
)
from tcm_common.domain.principal import Role
from tcm_common.settings import AuthSettings
from tcm_contracts.client import NO_RETRIES, Clients, TestSuiteClient
from tcm_contracts.generated.testsuite import v1
from tcm_grpc.server_options import MAX_RECEIVE_MESSAGE_BYTES


async def expect(code: grpc.StatusCode, call: Awaitable[object]) -> grpc.aio.AioRpcError:
    """Awaits the call and returns its error, which must have `code`."""
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    assert raised.value.code() == code, raised.value.details()
    return raised.value


async def test_a_call_without_authorization_is_unauthenticated(grpc_channel: grpc.aio.Channel) -> None:
    anonymous = Clients.over(grpc_channel, token=None, retry=NO_RETRIES)

    error = await expect(
        grpc.StatusCode.UNAUTHENTICATED,
        anonymous.suites.list_test_suites(v1.ListTestSuitesRequest(), timeout=TIMEOUT),
    )

    assert error.details() == "authentication required"
    assert error_reason(error) == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    "authorization",
    ["Bearer tcm_unknown", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", "Bearer"],
)
async def test_unusable_credentials_are_unauthenticated(grpc_channel: grpc.aio.Channel, authorization: str) -> None:
    clients = Clients.over(grpc_channel, token=None, metadata=[("authorization", authorization)])

    await expect(
        grpc.StatusCode.UNAUTHENTICATED,
        clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=str(uuid4())), timeout=TIMEOUT),
    )


async def test_two_authorization_values_are_unauthenticated(grpc_channel: grpc.aio.Channel, tester: Caller) -> None:
    clients = Clients.over(grpc_channel, token=tester.token, metadata=[("authorization", "Bearer tcm_other")])

    await expect(
        grpc.StatusCode.UNAUTHENTICATED,
        clients.suites.list_test_suites(v1.ListTestSuitesRequest(), timeout=TIMEOUT),
    )


async def test_an_access_token_of_a_signed_in_user_is_accepted_until_logout(
    grpc_channel: grpc.aio.Channel, migrated_pool: asyncpg.Pool, grpc_auth_settings: AuthSettings
) -> None:
    auth = auth_services_for_tests(migrated_pool, auth=grpc_auth_settings)
    user = await create_user(migrated_pool, auth.password_hasher, role=Role.TESTER)
    session = await auth.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo())
    clients = Clients.over(grpc_channel, token=session.access_token)

    # A search nothing matches: an exact answer whatever other tests left in the shared database.
    nothing = v1.ListTestSuitesRequest(search=f"no-such-suite-{user.id}", page_size=1)
    listed = await clients.suites.list_test_suites(nothing, timeout=TIMEOUT)
    await auth.sessions.logout(session.refresh_token)

    assert (listed.total_count, list(listed.test_suites)) == (0, [])
    await expect(
        grpc.StatusCode.UNAUTHENTICATED,
        clients.suites.list_test_suites(v1.ListTestSuitesRequest(page_size=1), timeout=TIMEOUT),
    )


async def test_an_access_token_signed_with_another_key_is_unauthenticated(
    grpc_channel: grpc.aio.Channel, migrated_pool: asyncpg.Pool
) -> None:
    foreign = auth_services_for_tests(migrated_pool, auth=auth_settings_for_tests())
    user = await create_user(migrated_pool, foreign.password_hasher, role=Role.ADMIN)
    session = await foreign.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo())

    await expect(
        grpc.StatusCode.UNAUTHENTICATED,
        Clients.over(grpc_channel, token=session.access_token).suites.list_test_suites(
            v1.ListTestSuitesRequest(), timeout=TIMEOUT
        ),
    )


async def test_a_tester_doing_a_manager_action_is_permission_denied(manager: Caller, tester: Caller) -> None:
    suite = await new_suite(manager.clients)

    create = await expect(
        grpc.StatusCode.PERMISSION_DENIED,
        tester.clients.suites.create_test_suite(
            v1.CreateTestSuiteRequest(
                name="not mine", estimated_start_date=proto_date(TODAY), estimated_end_date=proto_date(TODAY)
            ),
            timeout=TIMEOUT,
        ),
    )
    await expect(
        grpc.StatusCode.PERMISSION_DENIED,
        tester.clients.suites.change_test_suite_status(
            v1.ChangeTestSuiteStatusRequest(id=suite.id, version=suite.version, status=v1.TestSuiteStatus.IN_PROGRESS),
            timeout=TIMEOUT,
        ),
    )
    await expect(
        grpc.StatusCode.PERMISSION_DENIED,
        tester.clients.groups.create_test_group(
            v1.CreateTestGroupRequest(suite_id=suite.id, name="not mine"), timeout=TIMEOUT
        ),
    )

    assert error_reason(create) == "PERMISSION_DENIED"


async def test_an_illegal_transition_is_failed_precondition(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)

    suite_error = await expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        manager.clients.suites.change_test_suite_status(
            v1.ChangeTestSuiteStatusRequest(id=suite.id, version=suite.version, status=v1.TestSuiteStatus.COMPLETED),
            timeout=TIMEOUT,
        ),
    )
    case_error = await expect(
        grpc.StatusCode.FAILED_PRECONDITION,
        manager.clients.cases.change_test_case_status(
            v1.ChangeTestCaseStatusRequest(id=case.id, version=case.version, status=v1.TestCaseStatus.COMPLETED),
            timeout=TIMEOUT,
        ),
    )

    assert suite_error.details() == "test suite status cannot change from PREPARATION to COMPLETED"
    assert case_error.details() == "test case status cannot change from CREATED to COMPLETED"
    assert error_reason(case_error) == "INVALID_TRANSITION"


async def test_a_stale_version_is_aborted_and_changes_nothing(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    await manager.clients.suites.update_test_suite(
        v1.UpdateTestSuiteRequest(id=suite.id, version=suite.version, name="first writer"), timeout=TIMEOUT
    )

    error = await expect(
        grpc.StatusCode.ABORTED,
        manager.clients.suites.update_test_suite(
            v1.UpdateTestSuiteRequest(id=suite.id, version=suite.version, name="second writer"),
            timeout=TIMEOUT,
        ),
    )
    await expect(
        grpc.StatusCode.ABORTED,
        manager.clients.suites.delete_test_suite(
            v1.DeleteTestSuiteRequest(id=suite.id, version=suite.version), timeout=TIMEOUT
        ),
    )
    current = await manager.clients.suites.get_test_suite(v1.GetTestSuiteRequest(id=suite.id), timeout=TIMEOUT)

    assert error_reason(error) == "VERSION_CONFLICT"
    assert current.test_suite is not None
    assert current.test_suite.name == "first writer"


async def test_invalid_input_is_invalid_argument_with_every_field_violation(manager: Caller) -> None:
    error = await expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        manager.clients.suites.create_test_suite(
            v1.CreateTestSuiteRequest(
                name="   ",
                estimated_start_date=proto_date(TODAY),
                estimated_end_date=proto_date(TODAY - timedelta(days=1)),
            ),
            timeout=TIMEOUT,
        ),
    )

    assert field_violations(error) == {
        "name": "is required",
        "estimated_end_date": "must not be before estimatedStartDate",
    }
    assert error_reason(error) == "VALIDATION_FAILED"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda suites: suites.get_test_suite(v1.GetTestSuiteRequest(id="TS001-202611"), timeout=TIMEOUT),
            "id",
        ),
        (lambda suites: suites.get_test_suite(v1.GetTestSuiteRequest(), timeout=TIMEOUT), "id"),
        (
            lambda suites: suites.list_test_suites(v1.ListTestSuitesRequest(page_size=-1), timeout=TIMEOUT),
            "page_size",
        ),
        (
            lambda suites: suites.list_test_suites(
                v1.ListTestSuitesRequest(page_token="bm90IGEgY3Vyc29y"), timeout=TIMEOUT
            ),
            "page_token",
        ),
        (
            lambda suites: suites.list_test_suites(
                v1.ListTestSuitesRequest(start_from=v1.Date(year=2026, month=2, day=30)), timeout=TIMEOUT
            ),
            "start_from",
        ),
        (
            lambda suites: suites.change_test_suite_status(
                v1.ChangeTestSuiteStatusRequest(id=str(uuid4()), version=1), timeout=TIMEOUT
            ),
            "status",
        ),
        (
            lambda suites: suites.change_test_suite_status(
                v1.ChangeTestSuiteStatusRequest(id=str(uuid4()), status=v1.TestSuiteStatus.IN_PROGRESS),
                timeout=TIMEOUT,
            ),
            "version",
        ),
        (
            lambda suites: suites.create_test_suite(v1.CreateTestSuiteRequest(name="no dates"), timeout=TIMEOUT),
            "estimated_start_date",
        ),
    ],
)
async def test_malformed_fields_are_invalid_argument(
    manager: Caller, call: Callable[[TestSuiteClient], Awaitable[object]], field: str
) -> None:
    error = await expect(grpc.StatusCode.INVALID_ARGUMENT, call(manager.clients.suites))

    assert set(field_violations(error)) == {field}


async def test_an_unknown_id_is_not_found(tester: Caller) -> None:
    missing = str(uuid4())

    error = await expect(
        grpc.StatusCode.NOT_FOUND,
        tester.clients.cases.list_test_case_history(v1.ListTestCaseHistoryRequest(case_id=missing), timeout=TIMEOUT),
    )

    assert error.details() == f"test case {missing} was not found"


async def test_a_request_above_the_size_limit_is_resource_exhausted(manager: Caller) -> None:
    too_long = "x" * (MAX_RECEIVE_MESSAGE_BYTES + 1)

    await expect(
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        manager.clients.suites.create_test_suite(
            v1.CreateTestSuiteRequest(name="big", description=too_long), timeout=TIMEOUT
        ),
    )
