"""TestGroup: its suite, computed values and cases through the request's DataLoaders."""

from __future__ import annotations

from collections.abc import Awaitable

from tcm_common.application.pagination import Page
from tcm_common.application.read_models import GroupStats
from tcm_common.domain.case import TestCase
from tcm_common.domain.group import TestGroup
from tcm_common.domain.suite import TestSuite
from tcm_graphql.execution.context import Info
from tcm_graphql.execution.lookahead import parent_selects
from tcm_graphql.resolvers.connections import page_request
from tcm_graphql.schema.binding import Resolver


async def suite(group: TestGroup, info: Info) -> TestSuite | None:
    return await info.context.loaders.suite.load(group.suite_id)


def _stats(group: TestGroup, info: Info) -> Awaitable[GroupStats]:
    return info.context.loaders.group_stats_of(group.id, from_cases=parent_selects(info, "cases"))


async def progress(group: TestGroup, info: Info) -> float:
    return (await _stats(group, info)).progress


async def case_count(group: TestGroup, info: Info) -> int:
    return (await _stats(group, info)).case_count


async def cases(group: TestGroup, info: Info) -> list[TestCase]:
    return await info.context.loaders.cases_of_group(group.id)


async def cases_connection(
    group: TestGroup, info: Info, first: int | None = None, after: str | None = None
) -> Page[TestCase]:
    return await info.context.loaders.case_page.load((group.id, page_request(first, after)))


TEST_GROUP: dict[str, Resolver] = {
    "suite": suite,
    "progress": progress,
    "caseCount": case_count,
    "cases": cases,
    "casesConnection": cases_connection,
}
