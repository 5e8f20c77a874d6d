"""Builds the read models from entities already loaded: one statement per list (none for an empty one),
over the reads of a unit of work (inside its transaction) or of the batch loaders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tcm_common.application.batch_ports import ViewReads
from tcm_common.application.read_models import (
    CaseView,
    EffortEntry,
    GroupView,
    HistoryEntry,
    SuiteView,
)
from tcm_common.domain.case import TestCase
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.group import TestGroup
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.suite import TestSuite


async def case_views(reads: ViewReads, cases: Sequence[TestCase], today: date) -> list[CaseView]:
    if not cases:
        return []
    facts = await reads.case_facts([case.id for case in cases], today)
    return [CaseView(case, each) for case, each in zip(cases, facts, strict=True)]


async def group_views(reads: ViewReads, groups: Sequence[TestGroup]) -> list[GroupView]:
    if not groups:
        return []
    stats = await reads.group_stats([group.id for group in groups])
    return [GroupView(group, each) for group, each in zip(groups, stats, strict=True)]


async def suite_views(reads: ViewReads, suites: Sequence[TestSuite]) -> list[SuiteView]:
    if not suites:
        return []
    stats = await reads.suite_stats([suite.id for suite in suites])
    return [SuiteView(suite, each) for suite, each in zip(suites, stats, strict=True)]


async def history_entries(reads: ViewReads, changes: Sequence[StatusChange]) -> list[HistoryEntry]:
    if not changes:
        return []
    users = await reads.user_refs(list(dict.fromkeys(change.changed_by for change in changes)))
    by_id = {user.id: user for user in users if user is not None}
    return [HistoryEntry(change, by_id.get(change.changed_by)) for change in changes]


async def effort_entries(reads: ViewReads, records: Sequence[EffortRecord]) -> list[EffortEntry]:
    if not records:
        return []
    users = await reads.user_refs(list(dict.fromkeys(record.recorded_by for record in records)))
    by_id = {user.id: user for user in users if user is not None}
    return [EffortEntry(record, by_id.get(record.recorded_by)) for record in records]
