"""GraphQL reads: the SPA's dashboard tree, a page of suites with their groups and cases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tcm_bench.figures import RequestFailedError
from tcm_bench.http_clients import GraphqlSession, http_client
from tcm_bench.operations import Headers, ReadOperation
from tcm_bench.profile import Profile
from tcm_bench.seeding import SeededData
from tcm_bench.services import RunningService

OPERATION = "SuiteTree"
SUITE_TREE = f"""
query {OPERATION}($first: Int!) {{
  testSuites(first: $first) {{
    edges {{ node {{ progress groups {{ progress cases {{ id status isDelayed }} }} }} }}
  }}
}}
"""


def operation_name(page_size: int) -> str:
    return f"testSuites(first: {page_size}) tree"


def _tree(session: GraphqlSession, page_size: int, expected_cases: int) -> ReadOperation:
    async def call(headers: Headers) -> None:
        data = await session.data(SUITE_TREE, {"first": page_size}, headers)
        edges = data["testSuites"]["edges"]
        cases = sum(len(group["cases"]) for edge in edges for group in edge["node"]["groups"])
        if cases != expected_cases:
            raise RequestFailedError("incomplete tree", f"{cases} cases instead of {expected_cases}")

    return ReadOperation(operation_name(page_size), call, operation_span=OPERATION)


@asynccontextmanager
async def graphql_reads(
    service: RunningService, seeded: SeededData, profile: Profile, concurrency: int
) -> AsyncIterator[list[ReadOperation]]:
    async with http_client(service.base_url, concurrency) as client:
        session = GraphqlSession(client)
        await session.login(seeded.admin_username, seeded.admin_password)
        shape = profile.data
        yield [
            _tree(session, n, min(n, shape.suites) * shape.groups_per_suite * shape.cases_per_group)
            for n in profile.page_sizes
        ]
