"""testRunChanged over a real WebSocket, fed by LISTEN/NOTIFY: changes made through another service (the
use cases of libs/common, as REST and gRPC call them) arrive, other runs' do not, an unknown run is
NOT_FOUND, and the stream completes once the run is deleted (with its suite, too)."""

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import asyncpg
import pytest
from graphql_harness import Browser, browser, open_socket, receive, send, subscribed
from graphql_run_data import UNKNOWN_ID, RunSuite, platform_on, principal, run_suite

from tcm_common.domain.run import RunFields
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import ResultFields, RunResult
from tcm_common.domain.user import User
from tcm_common.platform import Platform

RUN_CHANGES = """
subscription RunChanges($id: ID!) {
  testRunChanged(id: $id) {
    runId kind version
    run { status version counts { result count } entries { caseId result results { recordedBy { username } } } }
  }
}
"""


@pytest.fixture
def platform(migrated_pool: asyncpg.Pool, database_url: str) -> Platform:
    return platform_on(migrated_pool, database_url)


@pytest.fixture
async def suite(platform: Platform, manager: User) -> RunSuite:
    return await run_suite(platform, manager)


@pytest.fixture
async def as_manager(service: str, manager: User) -> AsyncIterator[Browser]:
    async with browser(service) as client:
        await client.login(manager.username)
        yield client


@pytest.fixture
async def as_tester(service: str, tester: User) -> AsyncIterator[Browser]:
    async with browser(service) as client:
        await client.login(tester.username)
        yield client


async def _started_run(platform: Platform, manager: User, suite: RunSuite, name: str = "Watched") -> str:
    actor = principal(manager)
    run = await platform.runs.create(actor, UUID(suite.suite_id), RunFields(name), RunSelection.of())
    await platform.runs.start(actor, run.id, run.version)
    return str(run.id)


def _change(message: dict[str, Any]) -> dict[str, Any]:
    assert message["type"] == "next", message
    change: dict[str, Any] = message["payload"]["data"]["testRunChanged"]
    return change


async def test_a_result_recorded_through_another_service_arrives_and_other_runs_do_not(
    as_tester: Browser, platform: Platform, manager: User, tester: User, suite: RunSuite
) -> None:
    watched = await _started_run(platform, manager, suite)
    other = await _started_run(platform, manager, suite, "Other")
    socket = await subscribed(as_tester, RUN_CHANGES, {"id": watched})
    try:
        recording = ResultFields(RunResult.PASSED)
        await platform.runs.record_result(principal(tester), UUID(other), UUID(suite.pay_high), recording)
        await platform.runs.record_result(principal(tester), UUID(watched), UUID(suite.pay_high), recording)
        change = _change(await receive(socket, within=2.0))
    finally:
        await socket.close()
    assert (change["runId"], change["kind"], change["version"]) == (watched, "RUN_RESULTS_RECORDED", 2)
    run = change["run"]
    assert (run["status"], run["version"]) == ("IN_PROGRESS", 2)
    assert {count["result"]: count["count"] for count in run["counts"]}["PASSED"] == 1
    [paid] = [entry for entry in run["entries"] if entry["caseId"] == suite.pay_high]
    assert paid == {
        "caseId": suite.pay_high,
        "result": "PASSED",
        "results": [{"recordedBy": {"username": tester.username}}],
    }


async def test_an_unknown_run_is_not_found_at_once(as_tester: Browser) -> None:
    socket = await open_socket(as_tester)
    try:
        await send(socket, {"type": "connection_init"})
        assert await receive(socket) == {"type": "connection_ack"}
        payload = {"query": RUN_CHANGES, "variables": {"id": UNKNOWN_ID}}
        await send(socket, {"id": "unknown", "type": "subscribe", "payload": payload})
        refused = await receive(socket)
    finally:
        await socket.close()
    assert (refused["type"], refused["id"]) == ("error", "unknown")
    assert refused["payload"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_the_subscription_completes_after_the_run_is_deleted(
    as_manager: Browser, as_tester: Browser, platform: Platform, manager: User, suite: RunSuite
) -> None:
    run_id = await _started_run(platform, manager, suite)
    socket = await subscribed(as_tester, RUN_CHANGES, {"id": run_id})
    try:
        await as_manager.data("mutation($id: ID!) { deleteTestRun(id: $id, version: 2) }", {"id": run_id})
        deleted = _change(await receive(socket, within=2.0))
        completed = await receive(socket, within=2.0)
    finally:
        await socket.close()
    assert deleted == {"runId": run_id, "kind": "RUN_DELETED", "version": 2, "run": None}
    assert completed == {"type": "complete", "id": "1"}


async def test_the_deletion_of_its_suite_ends_the_subscription_as_the_runs(
    as_manager: Browser, as_tester: Browser, platform: Platform, manager: User, suite: RunSuite
) -> None:
    run_id = await _started_run(platform, manager, suite)
    socket = await subscribed(as_tester, RUN_CHANGES, {"id": run_id})
    try:
        await as_manager.data(
            "mutation($id: ID!) { deleteTestSuite(id: $id, version: 1, cascade: true) }", {"id": suite.suite_id}
        )
        deleted = _change(await receive(socket, within=2.0))
        completed = await receive(socket, within=2.0)
    finally:
        await socket.close()
    assert deleted == {"runId": run_id, "kind": "RUN_DELETED", "version": 2, "run": None}
    assert completed == {"type": "complete", "id": "1"}


async def test_the_suites_subscription_hears_its_runs(as_manager: Browser, as_tester: Browser, suite: RunSuite) -> None:
    suite_changes = "subscription($id: ID!) { testSuiteChanged(id: $id) { kind entityId } }"
    socket = await subscribed(as_tester, suite_changes, {"id": suite.suite_id})
    try:
        created = await as_manager.data(
            "mutation($i: CreateTestRunInput!) { createTestRun(input: $i) { id } }",
            {"i": {"suiteId": suite.suite_id, "name": "Announced"}},
        )
        message = await receive(socket, within=2.0)
    finally:
        await socket.close()
    change = message["payload"]["data"]["testSuiteChanged"]
    assert change == {"kind": "RUN_CREATED", "entityId": created["createTestRun"]["id"]}
