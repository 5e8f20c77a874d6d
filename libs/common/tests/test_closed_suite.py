"""While a suite is COMPLETED its groups and cases are read-only and no effort is recorded
(docs/domain.md, closed suites): every such write is refused with SuiteClosed and changes nothing;
reopening the suite lifts the rule. Through the Platform against the real database."""

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tcm_common.application.pagination import PageRequest
from tcm_common.domain.case import CaseFields, CasePatch
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortFields
from tcm_common.domain.errors import Conflict, SuiteClosed
from tcm_common.domain.group import GroupFields, GroupPatch
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import SuiteFields, SuitePatch
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.platform import Platform

WORK_DAY = date(2026, 1, 5)


async def test_writes_under_a_completed_suite_are_refused_until_it_is_reopened(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    suite = await platform.suites.create(manager, SuiteFields("Closed", date(2026, 1, 1), date(2026, 1, 31)))
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))
    spare = await platform.groups.create(manager, suite.id, GroupFields("Spare"))
    case = await platform.cases.create(manager, group.id, CaseFields("C"))
    suite = await platform.suites.change_status(manager, suite.id, SuiteStatus.IN_PROGRESS)
    suite = await platform.suites.change_status(manager, suite.id, SuiteStatus.COMPLETED)
    before = await platform.suite_tree(manager, suite.id)

    refused: dict[str, Callable[[], Awaitable[Any]]] = {
        "create group": lambda: platform.groups.create(manager, suite.id, GroupFields("New")),
        "update group": lambda: platform.groups.update(manager, group.id, GroupPatch(name="Renamed"), None),
        "delete group": lambda: platform.groups.delete(manager, spare.id),
        "reorder groups": lambda: platform.groups.reorder(manager, suite.id, [spare.id, group.id]),
        "create case": lambda: platform.cases.create(manager, group.id, CaseFields("New")),
        "update case": lambda: platform.cases.update(manager, case.id, CasePatch(title="Renamed"), None),
        "delete case": lambda: platform.cases.delete(manager, case.id),
        "change case status": lambda: platform.cases.change_status(tester, case.id, CaseStatus.TESTING),
        "record effort": lambda: platform.efforts.record(tester, case.id, EffortFields(WORK_DAY, Decimal(1))),
    }
    for name, write in refused.items():
        with pytest.raises(SuiteClosed, match="is COMPLETED.*reopen it") as raised:
            await write()
        assert isinstance(raised.value, Conflict), name  # the category every protocol maps (409-like)
        assert raised.value.code == "SUITE_CLOSED"

    assert await platform.suite_tree(manager, suite.id) == before
    assert (await platform.efforts.list_for_case(manager, case.id, PageRequest.of())).nodes == []
    assert (await platform.cases.history(manager, case.id, PageRequest.of())).nodes == []

    # The suite itself stays editable, and reopening it lifts the rule.
    suite = await platform.suites.update(manager, suite.id, SuitePatch(description="archived"), None)
    await platform.suites.change_status(manager, suite.id, SuiteStatus.IN_PROGRESS)
    await platform.cases.change_status(tester, case.id, CaseStatus.TESTING)
    await platform.efforts.record(tester, case.id, EffortFields(WORK_DAY, Decimal(1)))
    await platform.groups.delete(manager, spare.id)
    efforts = await platform.efforts.list_for_case(manager, case.id, PageRequest.of())
    assert [entry.record.hours for entry in efforts.nodes] == [Decimal(1)]
