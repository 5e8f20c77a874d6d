"""Runs -> entries -> cases and results, and a page of suites with their runs, cost a constant number of
SQL statements whatever the number of runs, entries and results (counted as the asyncpg spans under the
operation's span, as test_graphql_dataloader.py does)."""

import secrets

import asyncpg
import pytest
from graphql_harness import browser
from graphql_run_data import END, START, platform_on, principal
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tcm_common.domain.case import CaseFields
from tcm_common.domain.group import GroupFields
from tcm_common.domain.run import RunFields
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import ResultFields, RunResult
from tcm_common.domain.suite import SuiteFields
from tcm_common.domain.user import User
from tcm_common.testing.statement_spans import statements_under

RUNS = """
query Runs_{n}($suite: ID!) {{
  testRuns(suiteId: $suite, first: 10) {{
    edges {{
      node {{
        name completion createdBy {{ username }}
        entries {{ title case {{ title priority }} results {{ result durationMs }} }}
      }}
    }}
  }}
}}
"""
SUITES_WITH_RUNS = """
query SuiteRuns_{n}($search: String, $first: Int) {{
  testSuites(filter: {{search: $search}}, first: $first) {{ edges {{ node {{ runs {{ totalCount }} }} }} }}
}}
"""
# (runs, cases per run): every case of the suite is in each run, with one result each.
SIZES = ((1, 2), (4, 8))


def _statements(spans: InMemorySpanExporter, operation: str) -> list[str]:
    finished = list(spans.get_finished_spans())
    return statements_under(finished, lambda span: span.name == operation)


@pytest.fixture
async def suites_of_runs(
    migrated_pool: asyncpg.Pool, database_url: str, manager: User, tester: User
) -> tuple[str, dict[int, str]]:
    """A tag in every suite's name, and the suite ids by their number of runs."""
    platform = platform_on(migrated_pool, database_url)
    managing, testing = principal(manager), principal(tester)
    tag = f"runs-{secrets.token_hex(4)}"
    suites = {}
    for runs, cases in SIZES:
        suite = await platform.suites.create(managing, SuiteFields(f"{tag} {runs}", START, END))
        group = await platform.groups.create(managing, suite.id, GroupFields("G"))
        case_ids = [(await platform.cases.create(managing, group.id, CaseFields(f"C{c}"))).id for c in range(cases)]
        for r in range(runs):
            run = await platform.runs.create(managing, suite.id, RunFields(f"R{r}"), RunSelection.of())
            for case_id in case_ids:
                await platform.runs.record_result(testing, run.id, case_id, ResultFields(RunResult.PASSED))
        suites[runs] = str(suite.id)
    return tag, suites


async def test_runs_with_entries_cases_and_results_cost_the_same_statements_for_both_sizes(
    service: str, tester: User, suites_of_runs: tuple[str, dict[int, str]], spans: InMemorySpanExporter
) -> None:
    _, suites = suites_of_runs
    counts = {}
    async with browser(service) as client:
        await client.login(tester.username)
        for (runs, cases), suite_id in zip(SIZES, suites.values(), strict=True):
            spans.clear()
            data = await client.data(RUNS.format(n=runs), {"suite": suite_id})
            nodes = [edge["node"] for edge in data["testRuns"]["edges"]]
            assert len(nodes) == runs
            entries = [entry for node in nodes for entry in node["entries"]]
            assert len(entries) == runs * cases
            assert all(
                entry["case"]["title"] == entry["title"]
                and entry["results"] == [{"result": "PASSED", "durationMs": None}]
                for entry in entries
            )
            counts[runs] = _statements(spans, f"Runs_{runs}")
    sizes = {runs: len(statements) for runs, statements in counts.items()}
    assert len(set(sizes.values())) == 1, counts
    # The page (a read: the suite, the runs with their total, their figures; no transaction), then one
    # statement each for the creators, the entries, their cases and their results.
    assert sizes[1] == 7, "\n---\n".join(counts[1])


async def test_a_page_of_suites_with_their_runs_costs_the_same_statements_for_1_and_2_suites(
    service: str, tester: User, suites_of_runs: tuple[str, dict[int, str]], spans: InMemorySpanExporter
) -> None:
    tag, _ = suites_of_runs
    counts = {}
    async with browser(service) as client:
        await client.login(tester.username)
        for n in (1, 2):
            spans.clear()
            data = await client.data(SUITES_WITH_RUNS.format(n=n), {"search": tag, "first": n})
            totals = [edge["node"]["runs"]["totalCount"] for edge in data["testSuites"]["edges"]]
            # Newest suite first: the one of the larger size.
            assert totals == [runs for runs, _ in reversed(SIZES)][:n]
            counts[n] = _statements(spans, f"SuiteRuns_{n}")
    assert len(counts[1]) == len(counts[2]), counts
    # The suites' page (a read: the page, the suites' figures; no transaction), then the runs' pages of
    # every suite in one statement, and their figures.
    assert len(counts[1]) == 4, "\n---\n".join(counts[1])
