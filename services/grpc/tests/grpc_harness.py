"""Helpers of the gRPC tests: callers with real credentials, rich error details, test data."""

from __future__ import annotations

import datetime
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta

import asyncpg
import grpc.aio
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from tcm_common.auth.keys import key_environment
from tcm_common.auth.testing import issue_api_token
from tcm_common.domain.user import User
from tcm_common.testing.clock import FIXED_TODAY
from tcm_contracts.client import Clients
from tcm_contracts.generated.testsuite import v1

TIMEOUT = 10.0
"""Deadline of the calls of the tests (the client requires one on every call)."""


@dataclass(frozen=True)
class Caller:
    user: User
    token: str = field(repr=False)
    clients: Clients


async def api_token(pool: asyncpg.Pool, user: User) -> str:
    """A personal API token of `user`, valid for a day."""
    async with pool.acquire() as db:
        return await issue_api_token(db, user.id, name=f"grpc tests {secrets.token_hex(3)}")


def rich_status(error: grpc.aio.AioRpcError) -> status_pb2.Status:
    status = rpc_status.from_call(error)
    assert status is not None, f"{error.code()} carries no google.rpc.Status"
    return status


def field_violations(error: grpc.aio.AioRpcError) -> dict[str, str]:
    """Field -> description of the BadRequest detail of an INVALID_ARGUMENT error."""
    for detail in rich_status(error).details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad_request = error_details_pb2.BadRequest()
            detail.Unpack(bad_request)
            return {violation.field: violation.description for violation in bad_request.field_violations}
    raise AssertionError("no BadRequest among the error details")


def error_reason(error: grpc.aio.AioRpcError) -> str:
    """The reason of the ErrorInfo detail: the error taxonomy's code."""
    for detail in rich_status(error).details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return str(info.reason)
    raise AssertionError("no ErrorInfo among the error details")


def proto_date(value: datetime.date) -> v1.Date:
    return v1.Date(year=value.year, month=value.month, day=value.day)


def unique_name(prefix: str) -> str:
    return f"{prefix} {secrets.token_hex(4)}"


TODAY = FIXED_TODAY  # the server's clock (conftest)


async def new_suite(
    clients: Clients,
    *,
    name: str | None = None,
    description: str | None = None,
    end: datetime.date = TODAY + timedelta(days=30),
    require_effort_comment: bool = False,
) -> v1.TestSuite:
    """A suite from today to `end` (in 30 days unless given)."""
    request = v1.CreateTestSuiteRequest(
        name=name or unique_name("suite"),
        description=description,
        estimated_start_date=proto_date(min(TODAY, end)),
        estimated_end_date=proto_date(end),
        require_effort_comment=require_effort_comment,
    )
    response = await clients.suites.create_test_suite(request, timeout=TIMEOUT)
    assert response.test_suite is not None
    return response.test_suite


async def new_group(clients: Clients, suite_id: str, *, name: str | None = None) -> v1.TestGroup:
    response = await clients.groups.create_test_group(
        v1.CreateTestGroupRequest(suite_id=suite_id, name=name or unique_name("group")), timeout=TIMEOUT
    )
    assert response.test_group is not None
    return response.test_group


async def new_case(
    clients: Clients,
    group_id: str,
    *,
    title: str | None = None,
    priority: v1.TestCasePriority = v1.TestCasePriority.UNSPECIFIED,
) -> v1.TestCase:
    response = await clients.cases.create_test_case(
        v1.CreateTestCaseRequest(group_id=group_id, title=title or unique_name("case"), priority=priority),
        timeout=TIMEOUT,
    )
    assert response.test_case is not None
    return response.test_case


@asynccontextmanager
async def row_locked(database_url: str, suite_id: str) -> AsyncIterator[None]:
    """Holds the suite's row lock in another connection until the block ends, then rolls back."""
    connection = await asyncpg.connect(database_url)
    transaction = connection.transaction()
    await transaction.start()
    try:
        await connection.execute("SELECT 1 FROM test_suites WHERE id = $1 FOR UPDATE", suite_id)
        yield
    finally:
        await transaction.rollback()
        await connection.close()


async def lock_waiters(database_url: str) -> int:
    """How many sessions of the database wait for a lock now (a call held up by row_locked, for one)."""
    connection = await asyncpg.connect(database_url)
    try:
        waiting: int = await connection.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return waiting
    finally:
        await connection.close()


def service_environment(database_url: str, port: int) -> dict[str, str]:
    """What the service process needs to start: environment, database, a fresh key pair, the port."""
    return {
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": database_url,
        **key_environment("grpc-tests"),
        "TCM_HOST": "127.0.0.1",
        "TCM_PORT": str(port),
    }


def inherited_environment() -> dict[str, str]:
    """This process's environment without any TCM_* or OTEL_* variable: only what a test passes
    configures the service it starts."""
    return {name: value for name, value in os.environ.items() if not name.startswith(("TCM_", "OTEL_"))}
