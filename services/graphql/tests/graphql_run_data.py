"""Test data for the run tests: a suite with groups and cases, made through the use cases of libs/common
(the same platform another service would use), and the GraphQL documents the tests share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

import asyncpg

from tcm_common.domain.case import CaseFields
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal
from tcm_common.domain.priority import Priority
from tcm_common.domain.suite import SuiteFields
from tcm_common.domain.user import User
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.platform import Platform
from tcm_common.testing.clock import service_clock

# Suite dates matter to no rule of runs; fixed ones keep the tests off today's date.
START = date(2026, 3, 2)
END = date(2026, 3, 20)
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"

RUN_FIELDS = """
fragment RunFields on TestRun {
  id suiteId name label status allowedTransitions drivesWorkflow version startedAt completedAt
  entryCount completion passRate counts { result count } createdBy { username }
  entries { id caseId title priority result position assignee { username } }
}
"""
CREATE_RUN = (
    RUN_FIELDS
    + """
mutation CreateRun($input: CreateTestRunInput!) { createTestRun(input: $input) { ...RunFields } }
"""
)
RECORD_RESULT = """
mutation Record($input: RecordRunResultInput!) {
  recordRunResult(input: $input) {
    result { id result comment durationMs source recordedBy { username } }
    entry { caseId result }
    run { status version counts { result count } completion passRate }
  }
}
"""


def principal(user: User) -> Principal:
    return Principal(user.id, user.username, user.role)


def platform_on(pool: asyncpg.Pool, database_url: str) -> Platform:
    """The use cases over the test database, as another service would call them."""
    return Platform(pool, ChangeFeed(lambda: asyncpg.connect(database_url)), clock=service_clock())


@dataclass(frozen=True)
class RunSuite:
    """A suite with groups "Login" (two cases: HIGH, LOW) and "Pay" (one HIGH case), ids as strings."""

    suite_id: str
    login_group: str
    pay_group: str
    login_high: str
    login_low: str
    pay_high: str


async def run_suite(platform: Platform, manager: User, name: str = "Runs") -> RunSuite:
    actor = principal(manager)
    suite = await platform.suites.create(actor, SuiteFields(name, START, END))
    login = await platform.groups.create(actor, suite.id, GroupFields("Login"))
    pay = await platform.groups.create(actor, suite.id, GroupFields("Pay"))

    async def case(group_id: UUID, title: str, priority: Priority) -> str:
        return str((await platform.cases.create(actor, group_id, CaseFields(title, priority=priority))).id)

    return RunSuite(
        suite_id=str(suite.id),
        login_group=str(login.id),
        pay_group=str(pay.id),
        login_high=await case(login.id, "Sign in", Priority.HIGH),
        login_low=await case(login.id, "Remember me", Priority.LOW),
        pay_high=await case(pay.id, "Pay by card", Priority.HIGH),
    )
