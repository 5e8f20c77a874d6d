"""TestSuite: computed values and children through the request's DataLoaders."""

from __future__ import annotations

from collections.abc import Awaitable

from tcm_common.application.chart_loaders import RunPassRate
from tcm_common.application.pagination import Page
from tcm_common.application.read_models import SuiteStats
from tcm_common.domain.burn_up import BurnUpPoint
from tcm_common.domain.group import TestGroup
from tcm_common.domain.run import TestRun
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.suite_status import SuiteStatus
from tcm_graphql.execution.context import Info
from tcm_graphql.execution.lookahead import parent_selects
from tcm_graphql.resolvers.connections import page_request
from tcm_graphql.schema.binding import Resolver


def allowed_transitions(suite: TestSuite, _info: Info) -> list[SuiteStatus]:
    return suite.status.allowed_transitions()


def _stats(suite: TestSuite, info: Info) -> Awaitable[SuiteStats]:
    return info.context.loaders.suite_stats_of(suite.id, from_cases=parent_selects(info, "groups", "cases"))


async def progress(suite: TestSuite, info: Info) -> float:
    return (await _stats(suite, info)).progress


async def group_count(suite: TestSuite, info: Info) -> int:
    return await info.context.loaders.group_count_of(suite.id, from_groups=parent_selects(info, "groups"))


async def case_count(suite: TestSuite, info: Info) -> int:
    return (await _stats(suite, info)).case_count


async def groups(suite: TestSuite, info: Info) -> list[TestGroup]:
    return await info.context.loaders.groups_of_suite.load(suite.id)


async def groups_connection(
    suite: TestSuite, info: Info, first: int | None = None, after: str | None = None
) -> Page[TestGroup]:
    return await info.context.loaders.group_page.load((suite.id, page_request(first, after)))


async def runs(suite: TestSuite, info: Info, first: int | None = None, after: str | None = None) -> Page[TestRun]:
    loaders = info.context.loaders
    page = await loaders.run_page.load((suite.id, page_request(first, after)))
    return page.with_nodes([loaders.run_view(view) for view in page.nodes])


async def progress_history(suite: TestSuite, info: Info) -> list[BurnUpPoint]:
    return await info.context.loaders.progress_history.load(suite.id)


async def run_pass_rates(suite: TestSuite, info: Info) -> list[RunPassRate]:
    return await info.context.loaders.run_pass_rates.load(suite.id)


def charted_run(point: RunPassRate, info: Info) -> TestRun:
    # Primed: the run's own fields read its figures from the cache, no statement again.
    return info.context.loaders.run_view(point.run)


TEST_SUITE: dict[str, Resolver] = {
    "allowedTransitions": allowed_transitions,
    "progress": progress,
    "groupCount": group_count,
    "caseCount": case_count,
    "groups": groups,
    "groupsConnection": groups_connection,
    "runs": runs,
    "progressHistory": progress_history,
    "runPassRates": run_pass_rates,
}

RUN_PASS_RATE: dict[str, Resolver] = {"run": charted_run}
