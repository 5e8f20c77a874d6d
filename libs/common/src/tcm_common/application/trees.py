"""A suite with everything under it, for REST's embedded view and gRPC: a constant number of
statements (six) whatever the number of groups and cases."""

from __future__ import annotations

from uuid import UUID

from tcm_common.application.loaders import Loaders
from tcm_common.application.lookup import found
from tcm_common.application.read_models import CaseView, GroupTree, GroupView, SuiteTree, SuiteView


async def suite_tree(loaders: Loaders, suite_id: UUID) -> SuiteTree:
    [suite] = await loaders.suites_by_id([suite_id])
    suite = found(suite, "test suite", suite_id)
    [groups] = await loaders.groups_for_suites([suite_id])
    [stats] = await loaders.suite_stats([suite_id])
    group_ids = [group.id for group in groups]
    cases_per_group = await loaders.cases_for_groups(group_ids)
    group_stats = await loaders.group_stats(group_ids)
    facts = await loaders.case_facts([case.id for cases in cases_per_group for case in cases])
    facts_iterator = iter(facts)
    return SuiteTree(
        view=SuiteView(suite, stats),
        groups=[
            GroupTree(GroupView(group, stats_of_group), [CaseView(case, next(facts_iterator)) for case in cases])
            for group, stats_of_group, cases in zip(groups, group_stats, cases_per_group, strict=True)
        ],
    )


async def group_cases(loaders: Loaders, group_id: UUID) -> list[CaseView]:
    """Every case of a group, oldest first, embedded in a single read of the group (gRPC's
    GetTestGroup include_cases, like REST's include=groups.cases): two statements, unpaged."""
    [cases] = await loaders.cases_for_groups([group_id])
    facts = await loaders.case_facts([case.id for case in cases]) if cases else []
    return [CaseView(case, each) for case, each in zip(cases, facts, strict=True)]
