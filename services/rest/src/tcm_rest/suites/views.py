"""Suites with their computed values (progress, counts), read in a constant number of statements."""

from __future__ import annotations

import enum
from uuid import UUID

import msgspec

from tcm_common.application.pagination import Page
from tcm_common.application.read_models import SuiteTree
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import TestSuite as Suite
from tcm_common.platform import Platform
from tcm_rest.cases.messages import TestCase
from tcm_rest.groups.messages import TestGroup
from tcm_rest.suites.messages import TestSuite, TestSuitePage


class Include(enum.StrEnum):
    GROUPS = "groups"
    GROUPS_AND_CASES = "groups.cases"


async def suite_view(platform: Platform, principal: Principal, suite: Suite) -> TestSuite:
    [stats] = await platform.loaders(principal).suite_stats([suite.id])
    return TestSuite.of(suite, stats)


def _tree_view(tree: SuiteTree, with_cases: bool) -> TestSuite:
    groups = [
        TestGroup.of(
            branch.group,
            branch.stats,
            [TestCase.of(leaf.case, leaf.facts) for leaf in branch.cases] if with_cases else msgspec.UNSET,
        )
        for branch in tree.groups
    ]
    return TestSuite.of(tree.suite, tree.stats, groups)


async def read_suite(platform: Platform, principal: Principal, suite_id: UUID, include: Include | None) -> TestSuite:
    if include is None:
        return await suite_view(platform, principal, await platform.suites.get(principal, suite_id))
    tree = await platform.suite_tree(principal, suite_id)
    return _tree_view(tree, with_cases=include is Include.GROUPS_AND_CASES)


async def page_view(platform: Platform, principal: Principal, page: Page[Suite]) -> TestSuitePage:
    suites = page.nodes
    stats = await platform.loaders(principal).suite_stats([suite.id for suite in suites])
    return TestSuitePage(
        items=[TestSuite.of(suite, stats_of_suite) for suite, stats_of_suite in zip(suites, stats, strict=True)],
        next_cursor=page.next_cursor,
        total_count=page.total_count,
    )
