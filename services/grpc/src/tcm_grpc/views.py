"""Entities as the API shows them: each with its computed values (progress, counts, actual effort,
delay), loaded for a whole list at once through the caller's loaders: one statement per list (none for
an empty one), never one per entity."""

from __future__ import annotations

from collections.abc import Sequence

from tcm_common.application.loaders import Loaders
from tcm_common.application.read_models import SuiteTree
from tcm_common.domain.case import TestCase
from tcm_common.domain.group import TestGroup
from tcm_common.domain.suite import TestSuite
from tcm_contracts.generated.testsuite import v1
from tcm_grpc.messages import case_message, group_message, suite_message


class Views:
    def __init__(self, loaders: Loaders) -> None:
        self._loaders = loaders

    async def suites(self, suites: Sequence[TestSuite]) -> list[v1.TestSuite]:
        if not suites:
            return []
        stats = await self._loaders.suite_stats([suite.id for suite in suites])
        return [suite_message(suite, each) for suite, each in zip(suites, stats, strict=True)]

    async def suite(self, suite: TestSuite) -> v1.TestSuite:
        [message] = await self.suites([suite])
        return message

    async def groups(self, groups: Sequence[TestGroup]) -> list[v1.TestGroup]:
        if not groups:
            return []
        stats = await self._loaders.group_stats([group.id for group in groups])
        return [group_message(group, each) for group, each in zip(groups, stats, strict=True)]

    async def group(self, group: TestGroup) -> v1.TestGroup:
        [message] = await self.groups([group])
        return message

    async def cases(self, cases: Sequence[TestCase]) -> list[v1.TestCase]:
        if not cases:
            return []
        facts = await self._loaders.case_facts([case.id for case in cases])
        return [case_message(case, each) for case, each in zip(cases, facts, strict=True)]

    async def case(self, case: TestCase) -> v1.TestCase:
        [message] = await self.cases([case])
        return message


def tree_groups(tree: SuiteTree, *, include_cases: bool) -> list[v1.TestGroupWithCases]:
    """The groups of an already loaded suite tree (no further statements)."""
    return [
        v1.TestGroupWithCases(
            test_group=group_message(group.group, group.stats),
            test_cases=[case_message(case.case, case.facts) for case in group.cases] if include_cases else [],
        )
        for group in tree.groups
    ]
