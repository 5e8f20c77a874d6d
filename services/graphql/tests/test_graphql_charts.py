"""TestSuite.progressHistory and TestSuite.runPassRates (docs/charts.md): the same series as the chart
reads of libs/common (hand-computed in tcm_common.testing.chart_history), and a page of suites with both
charts costs the same statements for one suite as for two (counted as the asyncpg spans under the
operation's span, as test_graphql_dataloader.py does)."""

import secrets
from typing import Any

import asyncpg
import pytest
from graphql_harness import browser
from graphql_run_data import principal
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tcm_common.domain.user import User
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.platform import Platform
from tcm_common.testing.chart_history import EXPECTED_BURN_UP, EXPECTED_PASS_RATES, seed_chart_history
from tcm_common.testing.clock import ManualClock
from tcm_common.testing.statement_spans import statements_under

CHARTS = """
query Charts_{n}($search: String, $first: Int) {{
  testSuites(filter: {{search: $search}}, first: $first) {{
    edges {{ node {{
      name
      progressHistory {{ day actual planned }}
      runPassRates {{ day passRate completion run {{ name status passRate }} }}
    }} }}
  }}
}}
"""
SUITE_ID = "query($search: String) { testSuites(filter: {search: $search}, first: 1) { edges { node { id } } } }"
RUN_COUNTS = "query($id: ID!) { testSuite(id: $id) { runPassRates { run { counts { result count } } } } }"


def _statements(spans: InMemorySpanExporter, operation: str) -> list[str]:
    return statements_under(list(spans.get_finished_spans()), lambda span: span.name == operation)


@pytest.fixture
async def charted_suites(migrated_pool: asyncpg.Pool, database_url: str, manager: User, tester: User) -> str:
    """Two suites with the history of chart_history; the tag their names share."""
    tag = f"charts-{secrets.token_hex(4)}"
    for n in range(2):
        clock = ManualClock()
        platform = Platform(migrated_pool, ChangeFeed(lambda: asyncpg.connect(database_url)), clock=clock)
        await seed_chart_history(platform, clock, principal(manager), principal(tester), f"{tag} {n}")
    return tag


async def test_both_series_of_one_or_two_suites_cost_the_same_statements(
    service: str, tester: User, charted_suites: str, spans: InMemorySpanExporter
) -> None:
    counts = {}
    async with browser(service) as client:
        await client.login(tester.username)
        for n in (1, 2):
            spans.clear()
            data = await client.data(CHARTS.format(n=n), {"search": charted_suites, "first": n})
            nodes = [edge["node"] for edge in data["testSuites"]["edges"]]
            assert len(nodes) == n
            for node in nodes:
                assert [
                    (point["day"], point["actual"], point["planned"]) for point in node["progressHistory"]
                ] == [(str(day), actual, planned) for day, actual, planned in EXPECTED_BURN_UP]
                assert [
                    (point["run"]["name"], point["day"], point["passRate"], point["completion"])
                    for point in node["runPassRates"]
                ] == [(name, str(day), rate, completion) for name, day, rate, completion in EXPECTED_PASS_RATES]
                first, second = node["runPassRates"]
                assert (first["run"]["status"], second["run"]["status"]) == ("COMPLETED", "IN_PROGRESS")
                assert first["run"]["passRate"] == first["passRate"]
            counts[n] = _statements(spans, f"Charts_{n}")
    assert len(counts[1]) == len(counts[2]), counts
    # The suites' page (the page, the suites' figures), the burn-ups in one statement, the started runs
    # and their figures: the runs' own fields read the primed views.
    assert len(counts[1]) == 5, "\n---\n".join(counts[1])


async def test_a_charted_run_has_its_counts_for_the_stacked_bar(
    service: str, tester: User, charted_suites: str
) -> None:
    async with browser(service) as client:
        await client.login(tester.username)
        found = await client.data(SUITE_ID, {"search": charted_suites})
        suite_id = found["testSuites"]["edges"][0]["node"]["id"]
        data = await client.data(RUN_COUNTS, {"id": suite_id})
    first, second = data["testSuite"]["runPassRates"]
    assert _counts(first) == {"UNTESTED": 0, "PASSED": 1, "FAILED": 1, "BLOCKED": 0, "SKIPPED": 0, "RETEST": 0}
    assert _counts(second) == {"UNTESTED": 2, "PASSED": 1, "FAILED": 0, "BLOCKED": 0, "SKIPPED": 0, "RETEST": 0}


def _counts(point: dict[str, Any]) -> dict[str, int]:
    return {count["result"]: count["count"] for count in point["run"]["counts"]}
