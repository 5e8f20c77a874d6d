"""A case status change over GraphQL: one transaction, a fixed number of SQL statements (the case view
of the answer comes from the use case's own transaction), and other users as references."""

from uuid import UUID

import asyncpg
import pytest
from graphql_harness import browser, error_codes
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tcm_common.domain.case import CaseFields
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import SuiteFields
from tcm_common.domain.user import User
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.platform import Platform
from tcm_common.testing.clock import FIXED_TODAY, service_clock
from tcm_common.testing.statement_spans import outline, statements_under, transaction_boundaries

CHANGE_STATUS = """
mutation ChangeStatus($id: ID!, $version: Int!) {
  changeTestCaseStatus(id: $id, version: $version, status: TESTING, reason: "ready") {
    status version allowedTransitions actualEffort isDelayed delayDays
  }
}
"""


def _principal(user: User) -> Principal:
    return Principal(user.id, user.username, user.role)


@pytest.fixture
async def platform(migrated_pool: asyncpg.Pool, database_url: str) -> Platform:
    return Platform(migrated_pool, ChangeFeed(lambda: asyncpg.connect(database_url)), clock=service_clock())


@pytest.fixture
async def case_id(platform: Platform, manager: User) -> str:
    today = FIXED_TODAY
    suite = await platform.suites.create(_principal(manager), SuiteFields("Writes", today, today))
    group = await platform.groups.create(_principal(manager), suite.id, GroupFields("G"))
    case = await platform.cases.create(_principal(manager), group.id, CaseFields("C"))
    return str(case.id)


async def test_a_status_change_is_one_transaction_of_nine_statements(
    service: str, tester: User, case_id: str, spans: InMemorySpanExporter
) -> None:
    async with browser(service) as client:
        await client.login(tester.username)
        spans.clear()
        data = await client.data(CHANGE_STATUS, {"id": case_id, "version": 1})
    assert data["changeTestCaseStatus"] == {
        "status": "TESTING",
        "version": 2,
        "allowedTransitions": ["FIXING", "REVIEW_WAITING"],
        "actualEffort": 0.0,
        "isDelayed": False,
        "delayDays": 0,
    }
    statements = statements_under(list(spans.get_finished_spans()), lambda span: span.name == "ChangeStatus")
    assert transaction_boundaries(statements) == ["BEGIN", "COMMIT"], outline(statements)
    # BEGIN, the case, the group (for the event), its suite (locked: a completed suite refuses the
    # write), the case's update, the history entry, the case's actual effort and delay, the change
    # event (NOTIFY), COMMIT.
    assert len(statements) == 9, outline(statements)


HISTORY = "query($id: ID!) { testCase(id: $id) { history { changedBy { %s } } } }"


async def test_a_tester_sees_who_changed_a_case_but_not_their_role(
    service: str, platform: Platform, tester: User, manager: User, admin: User, case_id: str
) -> None:
    result = await platform.cases.change_status(_principal(manager), UUID(case_id), CaseStatus.TESTING)
    assert result.entry.changed_by is not None
    assert result.entry.changed_by.username == manager.username
    async with browser(service) as client:
        await client.login(tester.username)
        reference = await client.data(HISTORY % "id username", {"id": case_id})
        role = await client.post(HISTORY % "username role", {"id": case_id})
        login = await client.post(HISTORY % "lastLoginAt", {"id": case_id})
    assert reference["testCase"]["history"] == [{"changedBy": {"id": str(manager.id), "username": manager.username}}]
    assert error_codes(role) == ["FORBIDDEN"]
    assert error_codes(login) == ["FORBIDDEN"]
    assert "MANAGER" not in role.text
    async with browser(service) as client:
        await client.login(admin.username)
        seen_by_admin = await client.data(HISTORY % "username role", {"id": case_id})
    assert seen_by_admin["testCase"]["history"] == [{"changedBy": {"username": manager.username, "role": "MANAGER"}}]
