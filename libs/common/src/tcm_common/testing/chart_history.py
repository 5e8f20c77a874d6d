"""A small suite whose history spans several days, with hand-computed chart series (docs/charts.md):
the test data of the chart reads in libs/common and over GraphQL.

    suite_id = await seed_chart_history(platform, clock, manager, tester, "charts abc")
    # clock now stands at FIXED_NOW; the series are EXPECTED_BURN_UP and EXPECTED_PASS_RATES

Times are UTC. Cases: A (CRITICAL, weight 4) and B (LOW, 1) on the 10th, C (MEDIUM, 2) on the 12th at
12:00 (21:00 in Tokyo). Completion rates: CREATED 0, TESTING and FIXING 0.25, REVIEW_WAITING 0.5,
REVIEWING 0.75, COMPLETED 1 (docs/domain.md).

| day (UTC) | changes                                   | A    | B    | C | progress            |
|-----------|-------------------------------------------|------|------|---|---------------------|
| 10th      | 10:00 A -> TESTING                        | .25  | 0    | - | 1/5 = 20.0          |
| 11th      | none                                      | .25  | 0    | - | 20.0                |
| 12th      | 10:00 A -> REVIEW_WAITING, B -> TESTING   | .5   | .25  | 0 | 2.25/7 = 32.1       |
| 13th      | 20:00 A -> REVIEWING (14th 05:00 in Tokyo) | .75  | .25  | 0 | 3.25/7 = 46.4       |
| 14th      | 11:00 A -> COMPLETED, B -> FIXING (today)  | 1    | .25  | 0 | 4.25/7 = 60.7       |

The suite runs from the 10th to the 19th: ten days, so the plan grows by 10 points a day.

Runs: "first" (A and B) gets PASSED for A and FAILED for B and is completed on the 11th; "second"
(A, B and C) gets PASSED for C on the 13th and stays in progress; "planned" is never started.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from tcm_common.domain.case import CaseFields
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal
from tcm_common.domain.priority import Priority
from tcm_common.domain.run import RunFields
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import ResultFields, RunResult
from tcm_common.domain.suite import SuiteFields
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.platform import Platform
from tcm_common.testing.clock import FIXED_NOW, ManualClock

START = date(2026, 3, 10)
END = date(2026, 3, 19)

# (day, actual, planned); actual None after today (the 14th).
EXPECTED_BURN_UP: list[tuple[date, float | None, float]] = [
    (date(2026, 3, 10), 20.0, 10.0),
    (date(2026, 3, 11), 20.0, 20.0),
    (date(2026, 3, 12), 32.1, 30.0),
    (date(2026, 3, 13), 46.4, 40.0),
    (date(2026, 3, 14), 60.7, 50.0),
    (date(2026, 3, 15), None, 60.0),
    (date(2026, 3, 16), None, 70.0),
    (date(2026, 3, 17), None, 80.0),
    (date(2026, 3, 18), None, 90.0),
    (date(2026, 3, 19), None, 100.0),
]
# In Asia/Tokyo, A reached REVIEWING on the 14th: the 13th still has A in REVIEW_WAITING.
EXPECTED_ACTUAL_IN_TOKYO = [20.0, 20.0, 32.1, 32.1, 60.7]

# (name, day, pass rate, completion), oldest first; the planned run is not charted.
EXPECTED_PASS_RATES = [("first", date(2026, 3, 11), 50.0, 100.0), ("second", date(2026, 3, 13), 100.0, 33.3)]


def _at(clock: ManualClock, day: int, hour: int) -> None:
    clock.advance(datetime(2026, 3, day, hour, tzinfo=UTC) - clock.instant)


async def seed_chart_history(
    platform: Platform, clock: ManualClock, manager: Principal, tester: Principal, name: str
) -> UUID:
    """The suite of the table above, made through the use cases; leaves `clock` at FIXED_NOW."""
    _at(clock, 10, 9)
    suite = await platform.suites.create(manager, SuiteFields(name, START, END))
    await platform.suites.change_status(manager, suite.id, SuiteStatus.IN_PROGRESS)
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))

    async def case(title: str, priority: Priority) -> UUID:
        return (await platform.cases.create(manager, group.id, CaseFields(title, priority=priority))).id

    async def move(case_id: UUID, *statuses: CaseStatus) -> None:
        for status in statuses:
            await platform.cases.change_status(tester, case_id, status)

    a, b = await case("A", Priority.CRITICAL), await case("B", Priority.LOW)
    _at(clock, 10, 10)
    await move(a, CaseStatus.TESTING)
    _at(clock, 11, 9)
    first = await platform.runs.create(manager, suite.id, RunFields("first"), RunSelection.of())
    await platform.runs.record_result(tester, first.id, a, ResultFields(RunResult.PASSED))
    await platform.runs.record_result(tester, first.id, b, ResultFields(RunResult.FAILED, "broken"))
    await platform.runs.complete(tester, first.id)
    _at(clock, 12, 10)
    await move(a, CaseStatus.REVIEW_WAITING)
    await move(b, CaseStatus.TESTING)
    _at(clock, 12, 12)
    c = await case("C", Priority.MEDIUM)
    _at(clock, 13, 9)
    second = await platform.runs.create(manager, suite.id, RunFields("second"), RunSelection.of())
    await platform.runs.record_result(tester, second.id, c, ResultFields(RunResult.PASSED))
    await platform.runs.create(manager, suite.id, RunFields("planned"), RunSelection.of())
    _at(clock, 13, 20)
    await move(a, CaseStatus.REVIEWING)
    _at(clock, 14, 11)
    await move(a, CaseStatus.COMPLETED)
    await move(b, CaseStatus.FIXING)
    clock.advance(FIXED_NOW - clock.instant)
    return suite.id

