"""TestCase and what hangs off it (computed facts, history, efforts), all through DataLoaders."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date

from tcm_common.application.pagination import Page
from tcm_common.application.read_models import UserRef
from tcm_common.domain.case import TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.group import TestGroup
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.user import User
from tcm_graphql.execution.context import Info
from tcm_graphql.execution.dataloader import then
from tcm_graphql.resolvers.connections import page_request
from tcm_graphql.schema.binding import Resolver


async def group(case: TestCase, info: Info) -> TestGroup | None:
    return await info.context.loaders.group.load(case.group_id)


def allowed_transitions(case: TestCase, _info: Info) -> list[CaseStatus]:
    return case.status.allowed_transitions()


def planned_effort(case: TestCase, _info: Info) -> float | None:
    return None if case.planned_effort is None else float(case.planned_effort)


# Synchronous when the facts are primed (the cases of a group come with them): no task per field.
def actual_effort(case: TestCase, info: Info) -> float | Awaitable[float]:
    return then(info.context.loaders.case_facts.load_now(case.id), lambda facts: float(facts.actual_effort))


def is_delayed(case: TestCase, info: Info) -> bool | Awaitable[bool]:
    return then(info.context.loaders.case_facts.load_now(case.id), lambda facts: facts.is_delayed)


def delay_days(case: TestCase, info: Info) -> int | Awaitable[int]:
    return then(info.context.loaders.case_facts.load_now(case.id), lambda facts: facts.delay_days)


async def history(case: TestCase, info: Info) -> list[StatusChange]:
    return await info.context.loaders.history_of_case.load(case.id)


async def efforts(case: TestCase, info: Info) -> list[EffortRecord]:
    return await info.context.loaders.efforts_of_case.load(case.id)


async def history_connection(
    case: TestCase, info: Info, first: int | None = None, after: str | None = None
) -> Page[StatusChange]:
    return await info.context.loaders.history_page.load((case.id, page_request(first, after)))


async def efforts_connection(
    case: TestCase, info: Info, first: int | None = None, after: str | None = None
) -> Page[EffortRecord]:
    return await info.context.loaders.effort_page.load((case.id, page_request(first, after)))


async def changed_by(change: StatusChange, info: Info) -> User | UserRef | None:
    return await info.context.loaders.user_as_seen.load(change.changed_by)


def work_date(record: EffortRecord, _info: Info) -> date:
    return record.work_date


def hours(record: EffortRecord, _info: Info) -> float:
    return float(record.hours)


async def recorded_by(record: EffortRecord, info: Info) -> User | UserRef | None:
    return await info.context.loaders.user_as_seen.load(record.recorded_by)


TEST_CASE: dict[str, Resolver] = {
    "group": group,
    "allowedTransitions": allowed_transitions,
    "plannedEffort": planned_effort,
    "actualEffort": actual_effort,
    "isDelayed": is_delayed,
    "delayDays": delay_days,
    "history": history,
    "efforts": efforts,
    "historyConnection": history_connection,
    "effortsConnection": efforts_connection,
}
STATUS_CHANGE: dict[str, Resolver] = {"changedBy": changed_by}
EFFORT_RECORD: dict[str, Resolver] = {"date": work_date, "hours": hours, "recordedBy": recorded_by}
