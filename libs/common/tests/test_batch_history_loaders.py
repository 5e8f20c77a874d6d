"""The batch loaders of a case's history and effort records answer what the per-case use cases answer,
for many cases at once, in the order of the ids (statements are counted in test_persistence_batch_reads)."""

from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from tcm_common.application.pagination import PageRequest
from tcm_common.domain.case import CaseFields
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortFields
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import SuiteFields
from tcm_common.platform import Platform
from tcm_common.testing.clock import FIXED_NOW

TODAY = FIXED_NOW.date()  # the platform fixture's clock


async def test_history_and_efforts_of_many_cases_match_the_use_cases(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    suite = await platform.suites.create(manager, SuiteFields("History batch", TODAY, TODAY))
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))
    busy, quiet, other = [
        await platform.cases.create(manager, group.id, CaseFields(title)) for title in ("busy", "quiet", "other")
    ]
    for status in (CaseStatus.TESTING, CaseStatus.FIXING, CaseStatus.RETESTING):
        await platform.cases.change_status(tester, busy.id, status, reason=f"to {status}")
    await platform.cases.change_status(tester, other.id, CaseStatus.TESTING)
    # Recorded out of date order: listed by work date, then by when they were recorded.
    for days_ago, hours in ((0, "1.5"), (2, "3"), (0, "0.5")):
        await platform.efforts.record(tester, busy.id, EffortFields(TODAY - timedelta(days=days_ago), Decimal(hours)))
    await platform.efforts.record(manager, other.id, EffortFields(TODAY, Decimal(8)))

    ids = [other.id, uuid4(), busy.id, quiet.id]
    loaders = platform.loaders(tester)
    histories = await loaders.history_for_cases(ids)
    efforts = await loaders.efforts_for_cases(ids)

    assert [[change.to_status for change in history] for history in histories] == [
        [CaseStatus.TESTING],
        [],
        [CaseStatus.TESTING, CaseStatus.FIXING, CaseStatus.RETESTING],
        [],
    ]
    assert [[record.hours for record in records] for records in efforts] == [
        [Decimal(8)],
        [],
        [Decimal(3), Decimal("1.5"), Decimal("0.5")],
        [],
    ]
    for case in (busy, quiet, other):
        position = ids.index(case.id)
        history_page = await platform.cases.history(tester, case.id, PageRequest.of())
        effort_page = await platform.efforts.list_for_case(tester, case.id, PageRequest.of())
        assert histories[position] == [entry.change for entry in history_page.nodes]
        assert efforts[position] == [entry.record for entry in effort_page.nodes]


async def test_the_loaders_need_a_signed_in_caller(platform: Platform) -> None:
    anonymous = platform.loaders(None)
    with pytest.raises(Unauthenticated):
        await anonymous.history_for_cases([uuid4()])
    with pytest.raises(Unauthenticated):
        await anonymous.efforts_for_cases([uuid4()])
