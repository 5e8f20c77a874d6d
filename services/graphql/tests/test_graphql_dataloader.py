"""Nested suite -> groups -> cases, and each case's history and efforts, run a constant number of SQL
statements whatever the number of suites or cases, counted as the asyncpg spans under the operation's
span (which is named after the operation)."""

import secrets
from datetime import timedelta
from decimal import Decimal

import asyncpg
import pytest
from graphql_harness import browser, error_codes
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tcm_common.domain.case import CaseFields
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortFields
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import SuiteFields
from tcm_common.domain.user import User
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.platform import Platform
from tcm_common.testing.clock import FIXED_TODAY, service_clock
from tcm_common.testing.statement_spans import statements_under

TREE = """
query Tree_{n}($search: String, $first: Int) {{
  testSuites(filter: {{search: $search}}, first: $first) {{
    edges {{ node {{ groups {{ cases {{ id }} }} progress }} }}
  }}
}}
"""

# The depth limit (6) leaves no room for history and efforts under a page of suites: the suites come
# one at a time, and it is the number of cases under them that grows.
JOURNAL = """
query Journal_{n}($id: ID!) {{
  testSuite(id: $id) {{
    groups {{
      cases {{ history {{ toStatus changedBy {{ username }} }} efforts {{ hours recordedBy {{ username }} }} }}
    }}
  }}
}}
"""
CASES_PER_SUITE = (1, 10, 50)


def _statements(spans: list[ReadableSpan], operation: str) -> list[str]:
    return statements_under(spans, lambda span: span.name == operation)


@pytest.fixture
async def fifty_suites(service: str, manager: User) -> str:
    tag = f"tree-{secrets.token_hex(4)}"
    start = FIXED_TODAY
    async with browser(service) as client:
        await client.login(manager.username)
        for n in range(50):
            suite = await client.data(
                "mutation($i: CreateTestSuiteInput!) { createTestSuite(input: $i) { id } }",
                {
                    "i": {
                        "name": f"{tag} {n}",
                        "estimatedStartDate": str(start),
                        "estimatedEndDate": str(start + timedelta(days=5)),
                    }
                },
            )
            for g in range(2):
                group = await client.data(
                    "mutation($i: CreateTestGroupInput!) { createTestGroup(input: $i) { id } }",
                    {"i": {"suiteId": suite["createTestSuite"]["id"], "name": f"G{g}"}},
                )
                for c in range(2):
                    await client.data(
                        "mutation($i: CreateTestCaseInput!) { createTestCase(input: $i) { id } }",
                        {"i": {"groupId": group["createTestGroup"]["id"], "title": f"C{c}"}},
                    )
    return tag


async def test_the_tree_costs_the_same_statements_for_1_10_and_50_suites(
    service: str, tester: User, fifty_suites: str, spans: InMemorySpanExporter
) -> None:
    counts = {}
    async with browser(service) as client:
        await client.login(tester.username)
        for n in (1, 10, 50):
            spans.clear()
            data = await client.data(TREE.format(n=n), {"search": fifty_suites, "first": n})
            edges = data["testSuites"]["edges"]
            assert len(edges) == n
            assert all(len(group["cases"]) == 2 for edge in edges for group in edge["node"]["groups"])
            counts[n] = _statements(list(spans.get_finished_spans()), f"Tree_{n}")
    sizes = {n: len(statements) for n, statements in counts.items()}
    assert sizes[1] == sizes[10] == sizes[50], counts
    # The page with its total (a read: no transaction around it), then one statement each for the
    # groups, their cases and the progress of the suites.
    assert sizes[1] == 4, counts[1]


async def test_each_operation_is_a_span_named_after_it_inside_the_request_span(
    service: str, tester: User, spans: InMemorySpanExporter
) -> None:
    async with browser(service) as client:
        await client.login(tester.username)
        spans.clear()
        await client.data("query WhoAmI { me { username } }")
        await client.data("{ me { username } }")
    finished = list(spans.get_finished_spans())
    names = {span.name for span in finished}
    assert {"WhoAmI", "anonymous query", "POST /graphql"} <= names
    [operation] = [span for span in finished if span.name == "WhoAmI"]
    [request] = [s for s in finished if s.name == "POST /graphql" and s.context.trace_id == operation.context.trace_id]
    assert operation.parent is not None
    assert operation.parent.span_id == request.context.span_id
    assert (operation.attributes or {})["graphql.operation.type"] == "query"
    assert _statements(finished, "WhoAmI"), "asyncpg queries are child spans of the operation"


@pytest.fixture
async def suites_of_1_10_50_cases(
    migrated_pool: asyncpg.Pool, database_url: str, manager: User, tester: User
) -> dict[int, str]:
    """Suite ids by their number of cases (in up to five groups), each case with one step and one effort."""
    platform = Platform(migrated_pool, ChangeFeed(lambda: asyncpg.connect(database_url)), clock=service_clock())
    managing = Principal(manager.id, manager.username, manager.role)
    testing = Principal(tester.id, tester.username, tester.role)
    today = FIXED_TODAY
    suites = {}
    for n in CASES_PER_SUITE:
        suite = await platform.suites.create(managing, SuiteFields(f"Journal {n}", today, today))
        groups = [await platform.groups.create(managing, suite.id, GroupFields(f"G{g}")) for g in range(min(n, 5))]
        for c in range(n):
            case = await platform.cases.create(managing, groups[c % len(groups)].id, CaseFields(f"C{c}"))
            await platform.cases.change_status(testing, case.id, CaseStatus.TESTING)
            await platform.efforts.record(testing, case.id, EffortFields(today, Decimal(1)))
        suites[n] = str(suite.id)
    return suites


async def test_history_and_efforts_cost_the_same_statements_for_1_10_and_50_cases(
    service: str, tester: User, suites_of_1_10_50_cases: dict[int, str], spans: InMemorySpanExporter
) -> None:
    counts = {}
    async with browser(service) as client:
        await client.login(tester.username)
        for n, suite_id in suites_of_1_10_50_cases.items():
            spans.clear()
            data = await client.data(JOURNAL.format(n=n), {"id": suite_id})
            cases = [case for group in data["testSuite"]["groups"] for case in group["cases"]]
            assert len(cases) == n
            assert all(
                case["history"] == [{"toStatus": "TESTING", "changedBy": {"username": tester.username}}]
                and case["efforts"] == [{"hours": 1.0, "recordedBy": {"username": tester.username}}]
                for case in cases
            )
            counts[n] = _statements(list(spans.get_finished_spans()), f"Journal_{n}")
    sizes = {n: len(statements) for n, statements in counts.items()}
    assert sizes[1] == sizes[10] == sizes[50], counts
    # The suite, its groups, their cases, the cases' history, their efforts, and the users named there.
    assert sizes[1] == 6, counts[1]


async def test_history_under_a_page_of_suites_is_deeper_than_allowed(service: str, tester: User) -> None:
    async with browser(service) as client:
        await client.login(tester.username)
        too_deep = await client.post(
            "{ testSuites(first: 1) { edges { node { groups { cases { history { id } efforts { id } } } } } } }"
        )
    assert error_codes(too_deep) == ["BAD_USER_INPUT"]
    assert "7 levels deep; at most 6" in too_deep.json()["errors"][0]["message"]


# The paged lists under a list of parents: each connection is still one statement for all its parents.
# (Within the depth limit: a connection's edges and node are two levels.)
PAGED_TREE = """
query PagedTree_{n}($id: ID!) {{
  testSuite(id: $id) {{
    groupsConnection {{ totalCount edges {{ node {{ casesConnection(first: 100) {{ totalCount }} }} }} }}
  }}
}}
"""
PAGED_JOURNAL = """
query PagedJournal_{n}($id: ID!) {{
  testSuite(id: $id) {{
    groups {{
      cases {{
        historyConnection(first: 1) {{ totalCount pageInfo {{ hasNextPage }} }}
        effortsConnection {{ totalCount }}
      }}
    }}
  }}
}}
"""


async def test_paged_nested_lists_cost_the_same_statements_for_1_10_and_50_cases(
    service: str, tester: User, suites_of_1_10_50_cases: dict[int, str], spans: InMemorySpanExporter
) -> None:
    counts: dict[tuple[str, int], list[str]] = {}
    async with browser(service) as client:
        await client.login(tester.username)
        for n, suite_id in suites_of_1_10_50_cases.items():
            spans.clear()
            tree = await client.data(PAGED_TREE.format(n=n), {"id": suite_id})
            journal = await client.data(PAGED_JOURNAL.format(n=n), {"id": suite_id})
            groups = tree["testSuite"]["groupsConnection"]
            assert groups["totalCount"] == min(n, 5)
            assert sum(edge["node"]["casesConnection"]["totalCount"] for edge in groups["edges"]) == n
            cases = [case for group in journal["testSuite"]["groups"] for case in group["cases"]]
            assert [case["historyConnection"] for case in cases] == [
                {"totalCount": 1, "pageInfo": {"hasNextPage": False}}
            ] * n
            assert [case["effortsConnection"] for case in cases] == [{"totalCount": 1}] * n
            finished = list(spans.get_finished_spans())
            counts["tree", n] = _statements(finished, f"PagedTree_{n}")
            counts["journal", n] = _statements(finished, f"PagedJournal_{n}")
    # The suite, then one statement per list level for all its parents.
    assert [len(counts["tree", n]) for n in CASES_PER_SUITE] == [3, 3, 3], counts
    assert [len(counts["journal", n]) for n in CASES_PER_SUITE] == [5, 5, 5], counts


# The suite tree with every computed figure (as REST's include=groups.cases answers it): the figures
# follow from the cases the query lists, so no statement of tallies or facts is added
# (docs/decisions/0010-reads-in-few-round-trips.md). A fragment and an alias change nothing.
FIGURED_TREE = """
query FiguredTree_{n}($id: ID!) {{
  testSuite(id: $id) {{
    progress groupCount caseCount
    parts: groups {{ ...GroupFigures cases {{ id actualEffort isDelayed delayDays }} }}
  }}
}}
fragment GroupFigures on TestGroup {{ progress caseCount }}
"""
# The same figures without the cases: read as tallies, never by loading every case to count it.
FIGURES_ONLY = """
query FiguresOnly_{n}($id: ID!) {{
  testSuite(id: $id) {{ progress groupCount caseCount parts: groups {{ ...GroupFigures }} }}
}}
fragment GroupFigures on TestGroup {{ progress caseCount }}
"""


async def test_the_figured_tree_derives_its_figures_from_the_cases_it_lists(
    service: str, tester: User, suites_of_1_10_50_cases: dict[int, str], spans: InMemorySpanExporter
) -> None:
    counts: dict[tuple[str, int], list[str]] = {}
    async with browser(service) as client:
        await client.login(tester.username)
        for n, suite_id in suites_of_1_10_50_cases.items():
            spans.clear()
            tree = (await client.data(FIGURED_TREE.format(n=n), {"id": suite_id}))["testSuite"]
            figures = (await client.data(FIGURES_ONLY.format(n=n), {"id": suite_id}))["testSuite"]
            finished = list(spans.get_finished_spans())
            counts["tree", n] = _statements(finished, f"FiguredTree_{n}")
            counts["figures", n] = _statements(finished, f"FiguresOnly_{n}")
            assert {key: tree[key] for key in ("progress", "groupCount", "caseCount")} == {
                key: figures[key] for key in ("progress", "groupCount", "caseCount")
            }
            assert (tree["groupCount"], tree["caseCount"]) == (min(n, 5), n)
            assert [{"progress": g["progress"], "caseCount": g["caseCount"]} for g in tree["parts"]] == figures["parts"]
            cases = [case for group in tree["parts"] for case in group["cases"]]
            assert [(c["actualEffort"], c["isDelayed"], c["delayDays"]) for c in cases] == [(1.0, False, 0)] * n
    # The suite, its groups, their cases with their effort and delay.
    assert [len(counts["tree", n]) for n in CASES_PER_SUITE] == [3, 3, 3], counts
    # The suite, its tallies, its groups, theirs: no case is read.
    assert [len(counts["figures", n]) for n in CASES_PER_SUITE] == [4, 4, 4], counts
    assert not any("planned_effort" in statement for n in CASES_PER_SUITE for statement in counts["figures", n])
