"""Seeds the demo users and suites; idempotent and refused in production.

    created = await seed_demo_data(connection, Environment.DEVELOPMENT, clock)   # names of the suites created

Dates are relative to the organisation's today (the clock's time zone), as every date rule is.

Every demo entity has a fixed id derived from its name, so a second run finds them and changes nothing.
Statuses are reached through the real workflows, so the history is a legal one, recorded by the demo users,
spread over the days since the suite started (`step_days_ago`); runs go through the run workflow (snapshot,
results, start by the first result, completion) on their past days, so the charts have something to show.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from uuid import UUID

from tcm_common.application.clock import Clock
from tcm_common.auth.demo_users import DEMO_USERS, seed_demo_users
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.demo.catalogue import DEMO_SUITES, DemoCase, DemoRun, DemoSuite
from tcm_common.demo.workflow import path_to
from tcm_common.domain.case import CaseFields, TestCase
from tcm_common.domain.case_status import CASE_TRANSITIONS, CaseStatus
from tcm_common.domain.effort import EffortFields, EffortRecord
from tcm_common.domain.group import GroupFields, TestGroup
from tcm_common.domain.run import RunFields, TestRun
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import COMMENT_REQUIRED, ResultFields, ResultRecord, RunResult
from tcm_common.domain.run_status import RunStatus
from tcm_common.domain.suite import SuiteFields, TestSuite
from tcm_common.domain.suite_status import SUITE_TRANSITIONS, SuiteStatus
from tcm_common.persistence.auth.storage import PostgresAuthStores
from tcm_common.persistence.cases_repository import PostgresCaseRepository
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.groups_repository import PostgresGroupRepository
from tcm_common.persistence.history_repositories import (
    PostgresEffortRepository,
    PostgresStatusChangeRepository,
)
from tcm_common.persistence.run_results_repository import PostgresResultRepository
from tcm_common.persistence.runs_repository import PostgresRunRepository
from tcm_common.persistence.suites_repository import PostgresSuiteRepository
from tcm_common.settings import Environment

_NAMESPACE = uuid.UUID("6f1c7a52-3b0e-4d5e-9a51-0d1e2c3b4a59")
_LOCK = 0x7C3_0DE0  # two seeders at once: the second waits, then finds everything in place


class DemoDataRefusedError(RuntimeError):
    pass


def step_days_ago(elapsed_days: int, steps: int, step: int, stagger: int) -> int:
    """How many days before seeding step `step` (1-based) of a case's `steps` status changes happens: the
    steps spread evenly over the `elapsed_days` since the suite started, `stagger` days later for some
    cases so they don't all move together; never before the start, never after today, never going back."""
    evenly = round(elapsed_days * (1 - step / (steps + 1)))
    return max(0, min(elapsed_days, evenly - stagger))


def demo_id(*path: str) -> UUID:
    return uuid.uuid5(_NAMESPACE, "/".join(path))


async def demo_user_ids(connection: DbConnection, environment: Environment) -> dict[str, UUID]:
    """The demo users (docs/domain.md) by name, created with real password hashing by tcm_common.auth when missing."""
    await seed_demo_users(PostgresAuthStores(connection), PasswordHasher(), environment)
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
        self.runs = PostgresRunRepository(connection)
        self.results = PostgresResultRepository(connection)
        self.tester = users["demo_tester"]
        self.manager = users["demo_manager"]
        self.now: datetime = clock.now()
        self.today: date = clock.today()

    async def suite(self, demo: DemoSuite) -> bool:
        suite_id = demo_id(demo.name)
        if await self.suites.get(suite_id) is not None:
            return False
        start = self.today + timedelta(days=demo.starts_in_days)
        end = start + timedelta(days=demo.lasts_days)
        # Days since the start: a started suite and its cases were made on its first day.
        elapsed = max(0, -demo.starts_in_days)
        made = self.now - timedelta(days=elapsed, hours=1)
        fields = SuiteFields(demo.name, start, end, demo.description, demo.require_effort_comment)
        suite = TestSuite.create(suite_id, fields, made)
        for status in path_to(SuiteStatus.PREPARATION, demo.status, SUITE_TRANSITIONS):
            suite = suite.change_status(status, made)
        await self.suites.add(suite)
        number = 0
        for order, demo_group in enumerate(demo.groups):
            group_id = demo_id(demo.name, demo_group.name)
            await self.groups.add(TestGroup.create(group_id, suite_id, GroupFields(demo_group.name), order, made))
            for demo_case in demo_group.cases:
                case_id = demo_id(demo.name, demo_group.name, demo_case.title)
                await self.case(case_id, group_id, demo_case, demo, elapsed, stagger=number % 3)
                number += 1
        for demo_run in demo.runs:
            await self.run(suite_id, demo_run)
        return True

    async def case(
        self, case_id: UUID, group_id: UUID, demo: DemoCase, suite: DemoSuite, elapsed: int, stagger: int
    ) -> None:
        fields = CaseFields(demo.title, priority=demo.priority, planned_effort=demo.planned_hours)
        path = path_to(CaseStatus.CREATED, demo.status, CASE_TRANSITIONS)
        # History is read in time order: steps on the same day keep their order by the minute.
        moments = [self.now - timedelta(days=elapsed, minutes=len(path) + 1)] + [
            self.now - timedelta(days=step_days_ago(elapsed, len(path), step, stagger), minutes=len(path) - step + 1)
            for step in range(1, len(path) + 1)
        ]
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

    async def run(self, suite_id: UUID, demo: DemoRun) -> None:
        """Created two hours before its day's moment, results an hour before (a minute apart), completed at it."""
        run_id = demo_id(str(suite_id), "run", demo.name)
        moment = self.now - timedelta(days=demo.days_ago)
        run = TestRun.create(
            run_id, suite_id, RunFields(demo.name, label=demo.label), self.manager, moment - timedelta(hours=2)
        )
        await self.runs.add(run)
        await self.runs.snapshot(run, RunSelection.of())
        records = []
        for position, entry in enumerate(await self.runs.entries(run_id)):
            result = demo.result_of(position)
            if result is RunResult.UNTESTED:
                continue
            comment = f"demo: {result.lower()}" if result in COMMENT_REQUIRED else None
            records.append(
                ResultRecord.record(
                    demo_id(str(run_id), str(entry.entry.case_id)),
                    run_id,
                    entry.entry.case_id,
                    ResultFields(result, comment),
                    recorded_by=self.tester,
                    now=moment - timedelta(hours=1) + timedelta(minutes=position),
                )
            )
        await self.results.add(records)
        if records:
            run = run.started_by_result(records[0].recorded_at)
            await self.runs.update(run)
        if demo.completed:
            await self.runs.update(run.change_status(RunStatus.COMPLETED, moment))


async def seed_demo_data(connection: DbConnection, environment: Environment, clock: Clock) -> list[str]:
    """Creates what is missing and returns the names of the suites created now."""
    if environment is Environment.PRODUCTION:
        raise DemoDataRefusedError("demo data is never seeded in production")
    async with connection.transaction():
        await connection.execute("SELECT pg_advisory_xact_lock($1)", _LOCK)
        seeder = _Seeder(connection, await demo_user_ids(connection, environment), clock)
        return [demo.name for demo in DEMO_SUITES if await seeder.suite(demo)]
