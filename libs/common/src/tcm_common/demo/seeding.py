"""Seeds the demo users and suites; idempotent and refused in production.

    created = await seed_demo_data(connection, Environment.DEVELOPMENT, clock)   # names of the suites created

Dates are relative to the organisation's today (the clock's time zone), as every date rule is.

Every demo entity has a fixed id derived from its name, so a second run finds them and changes nothing.
Statuses are reached through the real workflows, so the history is a legal one, recorded by the demo users.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from uuid import UUID

from tcm_common.application.clock import Clock
from tcm_common.auth.demo_users import DEMO_USERS, seed_demo_users
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.demo.catalogue import DEMO_SUITES, DemoCase, DemoSuite
from tcm_common.demo.workflow import path_to
from tcm_common.domain.case import CaseFields, TestCase
from tcm_common.domain.case_status import CASE_TRANSITIONS, CaseStatus
from tcm_common.domain.effort import EffortFields, EffortRecord
from tcm_common.domain.group import GroupFields, TestGroup
from tcm_common.domain.suite import SuiteFields, TestSuite
from tcm_common.domain.suite_status import SUITE_TRANSITIONS, SuiteStatus
from tcm_common.persistence.cases_repository import PostgresCaseRepository
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.groups_repository import PostgresGroupRepository
from tcm_common.persistence.history_repositories import (
    PostgresEffortRepository,
    PostgresStatusChangeRepository,
)
from tcm_common.persistence.suites_repository import PostgresSuiteRepository
from tcm_common.settings import Environment

_NAMESPACE = uuid.UUID("6f1c7a52-3b0e-4d5e-9a51-0d1e2c3b4a59")
_LOCK = 0x7C3_0DE0  # two seeders at once: the second waits, then finds everything in place


class DemoDataRefusedError(RuntimeError):
    pass


def demo_id(*path: str) -> UUID:
    return uuid.uuid5(_NAMESPACE, "/".join(path))


async def demo_user_ids(connection: DbConnection, environment: Environment) -> dict[str, UUID]:
    """The spec's demo users by name, created with real password hashing by tcm_common.auth when missing."""
    await seed_demo_users(connection, PasswordHasher(), environment)
    names = [name for name, _ in DEMO_USERS]
    rows = await connection.fetch("SELECT id, username FROM users WHERE username = ANY($1::text[])", names)
    return {row["username"]: row["id"] for row in rows}


class _Seeder:
    def __init__(self, connection: DbConnection, users: dict[str, UUID], clock: Clock) -> None:
        self.suites = PostgresSuiteRepository(connection)
        self.groups = PostgresGroupRepository(connection)
        self.cases = PostgresCaseRepository(connection)
        self.history = PostgresStatusChangeRepository(connection)
        self.efforts = PostgresEffortRepository(connection)
        self.tester = users["demo_tester"]
        self.now: datetime = clock.now()
        self.today: date = clock.today()

    async def suite(self, demo: DemoSuite) -> bool:
        suite_id = demo_id(demo.name)
        if await self.suites.get(suite_id) is not None:
            return False
        start = self.today + timedelta(days=demo.starts_in_days)
        end = start + timedelta(days=demo.lasts_days)
        fields = SuiteFields(demo.name, start, end, demo.description, demo.require_effort_comment)
        suite = TestSuite.create(suite_id, fields, self.now)
        for status in path_to(SuiteStatus.PREPARATION, demo.status, SUITE_TRANSITIONS):
            suite = suite.change_status(status, self.now)
        await self.suites.add(suite)
        for order, demo_group in enumerate(demo.groups):
            group_id = demo_id(demo.name, demo_group.name)
            await self.groups.add(
                TestGroup.create(group_id, suite_id, GroupFields(demo_group.name), order, self.now)
            )
            for demo_case in demo_group.cases:
                await self.case(
                    demo_id(demo.name, demo_group.name, demo_case.title), group_id, demo_case, demo
                )
        return True

    async def case(self, case_id: UUID, group_id: UUID, demo: DemoCase, suite: DemoSuite) -> None:
        fields = CaseFields(demo.title, priority=demo.priority, planned_effort=demo.planned_hours)
        path = path_to(CaseStatus.CREATED, demo.status, CASE_TRANSITIONS)
        # History is read in time order: each step gets its own minute, the last one being now.
        moments = [self.now - timedelta(minutes=len(path) - step) for step in range(len(path) + 1)]
        case = TestCase.create(case_id, group_id, fields, moments[0])
        changes = []
        for status, moment in zip(path, moments[1:], strict=True):
            case, change = case.change_status(
                status, None, self.tester, demo_id(str(case_id), status), moment
            )
            changes.append(change)
        await self.cases.add(case)
        for change in changes:
            await self.history.add(change)
        for day, hours in enumerate(demo.spent_hours, start=1):
            effort = EffortFields(self.today - timedelta(days=day), hours, "demo work")
            record = EffortRecord.record(
                demo_id(str(case_id), "effort", str(day)),
                case_id,
                effort,
                comment_required=suite.require_effort_comment,
                recorded_by=self.tester,
                now=self.now,
                today=self.today,
            )
            await self.efforts.add(record)


async def seed_demo_data(connection: DbConnection, environment: Environment, clock: Clock) -> list[str]:
    """Creates what is missing and returns the names of the suites created now."""
    if environment is Environment.PRODUCTION:
        raise DemoDataRefusedError("demo data is never seeded in production")
    async with connection.transaction():
        await connection.execute("SELECT pg_advisory_xact_lock($1)", _LOCK)
        seeder = _Seeder(connection, await demo_user_ids(connection, environment), clock)
        return [demo.name for demo in DEMO_SUITES if await seeder.suite(demo)]
