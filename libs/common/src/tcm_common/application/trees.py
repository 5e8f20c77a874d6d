"""A suite with everything under it, for REST's embedded view and gRPC: three statements (the suite,
its groups, their cases with their actual effort) whatever the number of groups and cases. Progress,
counts and delays follow from the cases read, by the domain's own formulas."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from tcm_common.application.loaders import Loaders
from tcm_common.application.lookup import found
from tcm_common.application.read_models import (
    CaseFacts,
    CaseView,
    GroupTree,
    GroupView,
    SuiteTree,
    SuiteView,
)
from tcm_common.application.tallies import group_stats_of, suite_stats_of
from tcm_common.domain.case import TestCase
from tcm_common.domain.delay import delay_of
from tcm_common.domain.group import TestGroup


async def suite_tree(loaders: Loaders, suite_id: UUID) -> SuiteTree:
    [suite] = await loaders.suites_by_id([suite_id])
    suite = found(suite, "test suite", suite_id)
    [groups] = await loaders.groups_for_suites([suite_id])
    cases_per_group = await loaders.cases_with_effort_for_groups([group.id for group in groups]) if groups else []
    end, today = suite.estimated_end_date, loaders.today()
    return SuiteTree(
        view=SuiteView(suite, suite_stats_of(len(groups), (case for cases in cases_per_group for case, _ in cases))),
        groups=[_group_tree(group, cases, end, today) for group, cases in zip(groups, cases_per_group, strict=True)],
    )


def _group_tree(group: TestGroup, cases: list[tuple[TestCase, Decimal]], end: date, today: date) -> GroupTree:
    return GroupTree(
        GroupView(group, group_stats_of(case for case, _ in cases)),
        [CaseView(case, CaseFacts(effort, delay_of(case.status, end, today).days)) for case, effort in cases],
    )


async def group_cases(loaders: Loaders, group_id: UUID) -> list[CaseView]:
    """Every case of a group, oldest first, embedded in a single read of the group (gRPC's
    GetTestGroup include_cases, like REST's include=groups.cases): one statement, unpaged."""
    [cases] = await loaders.case_views_for_groups([group_id])
    return cases
