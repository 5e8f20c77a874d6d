"""Limits refuse crafted requests before anything executes; errors never show internals."""

import asyncio
import itertools
import logging
import secrets
from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import graphql
import httpx
import pytest
from graphql_harness import Browser, browser, error_codes, running_service, settings_on
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tcm_common.application.suites import SuiteUseCases
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import SuiteFields
from tcm_common.domain.user import User
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.platform import Platform
from tcm_common.settings import Environment
from tcm_common.testing.clock import FIXED_TODAY, service_clock
from tcm_graphql.execution.document_cache import DocumentCache, PreparedDocument
from tcm_graphql.protection.limits import HEAVY_AT_ONCE, MAX_BODY_BYTES

TODAY = FIXED_TODAY  # the service's clock (graphql_harness)


@pytest.fixture
async def client(service: str, manager: User) -> AsyncIterator[Browser]:
    async with browser(service) as signed_in:
        await signed_in.login(manager.username)
        yield signed_in


@pytest.fixture(scope="module")
async def development(migrated_pool: asyncpg.Pool, database_url: str) -> AsyncIterator[str]:  # noqa: ARG001 requested for its side effect
    async with running_service(settings_on(database_url, Environment.DEVELOPMENT)) as base_url:
        yield base_url


@pytest.fixture(scope="module")
async def production(migrated_pool: asyncpg.Pool, database_url: str) -> AsyncIterator[str]:  # noqa: ARG001 requested for its side effect
    async with running_service(settings_on(database_url, Environment.PRODUCTION)) as base_url:
        yield base_url


def _refused(response: httpx.Response, words: str) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert "data" not in body
    assert error_codes(response) == ["BAD_USER_INPUT"]
    assert words in body["errors"][0]["message"], body


async def test_depth_beyond_six_is_refused_before_anything_runs(client: Browser) -> None:
    name = f"deep-{secrets.token_hex(4)}"
    deep = (
        "mutation($i: CreateTestSuiteInput!) { createTestSuite(input: $i) "
        "{ groups { cases { group { suite { groups { id } } } } } } }"
    )
    suite = {"name": name, "estimatedStartDate": "2026-01-01", "estimatedEndDate": "2026-01-02"}
    _refused(await client.post(deep, {"i": suite}), "7 levels deep; at most 6")
    listed = await client.data("query($s: String) { testSuites(filter: {search: $s}) { totalCount } }", {"s": name})
    assert listed == {"testSuites": {"totalCount": 0}}, "the refused mutation must not have run"
    six = "{ testSuites { edges { node { groups { cases { id } } } } } }"
    assert (await client.post(six)).status_code == 200


async def test_more_than_fifteen_aliases_are_refused(client: Browser) -> None:
    fifteen = "{ " + " ".join(f"a{n}: me {{ id }}" for n in range(15)) + " }"
    assert (await client.post(fifteen)).status_code == 200
    sixteen = "{ " + " ".join(f"a{n}: me {{ id }}" for n in range(16)) + " }"
    _refused(await client.post(sixteen), "16 aliases; at most 15")


async def test_more_than_a_thousand_tokens_are_refused(client: Browser) -> None:
    _refused(await client.post("{ me { " + "id " * 1000 + "} }"), "more than 1000 tokens")


async def test_the_cost_counts_list_sizes_and_refuses_expensive_operations(client: Browser) -> None:
    page = "testSuites(first: $n) { edges { node { groups { cases { id title } } } } }"
    one = f"query($n: Int) {{ a: {page} }}"
    two = f"query($n: Int) {{ a: {page} b: {page} }}"
    assert (await client.post(one, {"n": 100})).status_code == 200
    assert (await client.post(two, {"n": 50})).status_code == 200
    _refused(await client.post(two, {"n": 100}), "could cost 22402")


async def test_a_runs_entries_count_as_a_hundred_and_their_results_as_five(client: Browser) -> None:
    runs = (
        "query($s: ID!, $n: Int) "
        "{ testRuns(suiteId: $s, first: $n) { edges { node { entries { case { id } results { id } } } } } }"
    )
    unknown = "00000000-0000-4000-8000-000000000000"
    # 1 + n * (1 + 1 + 100 * (1 + 1 + 5)): 14041 for 20 runs (answered: no such suite), 21061 for 30 not.
    assert error_codes(await client.post(runs, {"s": unknown, "n": 20})) == ["NOT_FOUND"]
    _refused(await client.post(runs, {"s": unknown, "n": 30}), "could cost 21061")


async def test_first_is_capped_at_one_hundred(
    client: Browser, manager: User, migrated_pool: asyncpg.Pool, database_url: str
) -> None:
    tag = f"cap-{secrets.token_hex(4)}"
    platform = Platform(migrated_pool, ChangeFeed(lambda: asyncpg.connect(database_url)), clock=service_clock())
    actor = Principal(manager.id, manager.username, manager.role)
    for n in range(101):
        await platform.suites.create(actor, SuiteFields(f"{tag} {n}", TODAY, TODAY + timedelta(days=1)))
    page = await client.data(
        "query($s: String) { testSuites(filter: {search: $s}, first: 1000) "
        "{ totalCount pageInfo { hasNextPage } edges { cursor } } }",
        {"s": tag},
    )
    assert page["testSuites"]["totalCount"] == 101
    assert len(page["testSuites"]["edges"]) == 100
    assert page["testSuites"]["pageInfo"]["hasNextPage"] is True


@pytest.mark.usefixtures("service")
async def test_oversized_bodies_and_batches_are_refused(client: Browser) -> None:
    padding = " " * MAX_BODY_BYTES
    too_big = await client.post("{ me { id } }" + padding)
    assert too_big.status_code == 413
    assert error_codes(too_big) == ["BAD_USER_INPUT"]
    batch = await client.http.post(
        "/graphql",
        json=[{"query": "{ me { id } }"}, {"query": "{ me { id } }"}],
        headers={"origin": client.origin, **client.cookie_header()},
    )
    _refused(batch, "batched requests are not supported")
    _refused(
        await client.http.post(
            "/graphql", content=b"{", headers={"origin": client.origin, "content-type": "application/json"}
        ),
        "not valid JSON",
    )


async def test_get_serves_queries_but_never_mutations(client: Browser) -> None:
    query = await client.http.get("/graphql", params={"query": "{ me { role } }"}, headers=client.cookie_header())
    assert query.json() == {"data": {"me": {"role": "MANAGER"}}}
    assert query.headers["cache-control"] == "no-store"
    mutation = await client.http.get(
        "/graphql", params={"query": "mutation { logout }"}, headers=client.cookie_header()
    )
    assert mutation.status_code == 405
    assert error_codes(mutation) == ["BAD_USER_INPUT"]


async def test_an_unexpected_error_is_logged_with_a_trace_id_the_client_gets_and_nothing_else(
    client: Browser,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    spans: InMemorySpanExporter,
) -> None:
    async def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError('relation "secret_table" does not exist: SELECT password_hash FROM users')

    monkeypatch.setattr(SuiteUseCases, "list", broken)
    with caplog.at_level(logging.ERROR, "tcm_graphql"):
        response = await client.post("query Broken { testSuites { totalCount } }")
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "INTERNAL"
    assert "secret_table" not in response.text
    assert "SELECT" not in response.text
    assert "Traceback" not in response.text
    trace_id = error["extensions"]["traceId"]
    assert len(trace_id) == 32
    [operation] = [span for span in spans.get_finished_spans() if span.name == "Broken"]
    assert format(operation.context.trace_id, "032x") == trace_id
    [record] = [r for r in caplog.records if r.name == "tcm_graphql.execution.errors"]
    assert record.exc_info is not None
    assert "secret_table" in str(record.exc_info[1])


async def test_documents_are_parsed_and_validated_once(client: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_parse, real_validate = graphql.parse, graphql.validate

    def counting_parse(*args: object, **kwargs: object) -> object:
        calls.append("parse")
        return real_parse(*args, **kwargs)  # type: ignore[arg-type]

    def counting_validate(*args: object, **kwargs: object) -> object:
        calls.append("validate")
        return real_validate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("tcm_graphql.execution.preparation.parse", counting_parse)
    monkeypatch.setattr("tcm_graphql.execution.preparation.validate", counting_validate)
    query = f"{{ me {{ id }} }} # {secrets.token_hex(4)}"
    for _ in range(3):
        assert (await client.post(query)).status_code == 200
    assert calls == ["parse", "validate"]


def test_the_document_cache_is_a_bounded_lru() -> None:
    cache = DocumentCache(capacity=2)
    first, second, third = PreparedDocument(None), PreparedDocument(None), PreparedDocument(None)
    cache.put("a", first)
    cache.put("b", second)
    assert cache.get("a") is first  # now the most recently used
    cache.put("c", third)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == (first, third)


INTROSPECTION = "{ __schema { queryType { name } } }"


async def test_introspection_and_graphiql_only_in_development(development: str, production: str, service: str) -> None:
    async with browser(development) as dev:
        assert await dev.data(INTROSPECTION) == {"__schema": {"queryType": {"name": "Query"}}}
        page = await dev.http.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 200
        assert "graphiql" in page.text.lower()
    for base_url in (production, service):
        async with browser(base_url) as other:
            refused = await other.post(INTROSPECTION)
            assert set(error_codes(refused)) == {"BAD_USER_INPUT"}
            assert "introspection" in refused.json()["errors"][0]["message"].lower()
            assert await other.data("{ __typename }") == {"__typename": "Query"}
            page = await other.http.get("/graphql", headers={"accept": "text/html"})
            assert page.status_code == 400
            assert "graphiql" not in page.text.lower()


async def test_field_suggestions_are_hidden_in_production(production: str, service: str) -> None:
    typo = "{ testSuitez { totalCount } }"
    async with browser(service) as test_env, browser(production) as prod:
        shown = (await test_env.post(typo)).json()["errors"][0]["message"]
        hidden = (await prod.post(typo)).json()["errors"][0]["message"]
    assert "Did you mean" in shown
    assert "Did you mean" not in hidden
    assert "testSuitez" in hidden


async def test_operations_that_could_answer_many_objects_take_turns(
    client: Browser, spans: InMemorySpanExporter
) -> None:
    # Costs 100 x (1 + 10 x (1 + 10)) = 11,100 (lists counted at their page size): above HEAVY_COST.
    heavy = "query Heavy{n} {{ testSuites(first: 100) {{ edges {{ node {{ groups {{ cases {{ id }} }} }} }} }} }}"
    light = "query Light{n} {{ me {{ id }} testSuites(first: 5) {{ totalCount }} }}"
    assert HEAVY_AT_ONCE == 1
    spans.clear()
    await asyncio.gather(*(client.data(query.format(n=n)) for n in range(3) for query in (heavy, light)))
    finished = list(spans.get_finished_spans())

    def operations(prefix: str) -> list[tuple[int, int]]:
        found = sorted(
            (span.start_time, span.end_time)
            for span in finished
            if span.name.startswith(prefix) and span.start_time is not None and span.end_time is not None
        )
        assert len(found) == 3, [span.name for span in finished]
        return found

    heavy_ones = operations("Heavy")
    # One at a time: each starts after the one before it ended.
    assert all(later[0] >= earlier[1] for earlier, later in itertools.pairwise(heavy_ones)), heavy_ones
    # Light operations never wait for a turn: the first ran before the last heavy one could start.
    assert operations("Light")[0][0] < heavy_ones[-1][0]
