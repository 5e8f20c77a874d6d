"""Suites as read models of libs/common mapped to their representation: alone, in a page, or with
their groups (and cases) embedded."""

from __future__ import annotations

import enum
from uuid import UUID

import msgspec

from tcm_common.application.pagination import Page
from tcm_common.application.read_models import SuiteTree, SuiteView
from tcm_common.domain.principal import Principal
from tcm_common.platform import Platform
from tcm_rest.cases.messages import TestCase
from tcm_rest.groups.messages import TestGroup
from tcm_rest.suites.messages import TestSuite, TestSuitePage


class Include(enum.StrEnum):
    GROUPS = "groups"
    GROUPS_AND_CASES = "groups.cases"


def _tree_view(tree: SuiteTree, with_cases: bool) -> TestSuite:
    groups = [
        TestGroup.of(branch.view, [TestCase.of(leaf) for leaf in branch.cases] if with_cases else msgspec.UNSET)
        for branch in tree.groups
    ]
    return TestSuite.of(tree.view, groups)


async def read_suite(platform: Platform, principal: Principal, suite_id: UUID, include: Include | None) -> TestSuite:
    if include is None:
        return TestSuite.of(await platform.suites.get(principal, suite_id))
    tree = await platform.suite_tree(principal, suite_id)
    return _tree_view(tree, with_cases=include is Include.GROUPS_AND_CASES)


def page_view(page: Page[SuiteView]) -> TestSuitePage:
    return TestSuitePage(
        items=[TestSuite.of(view) for view in page.nodes],
        next_cursor=page.next_cursor,
        total_count=page.total_count,
    )
