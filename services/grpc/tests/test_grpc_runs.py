"""TestRunService over real PostgreSQL: runs from a selection, results by every role, complete and
reopen, ReportResults (the client stream, concurrent reporters included) and WatchTestRun."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from uuid import UUID

import asyncpg
import grpc
import pytest
from grpc_harness import TIMEOUT, Caller, field_violations, new_case, new_group, new_suite, unique_name

from tcm_common.domain.principal import Principal
from tcm_common.domain.run_result import ResultFields, RunResult
from tcm_common.platform import Platform
from tcm_common.settings import DatabaseSettings
from tcm_common.testing.clock import service_clock
from tcm_common.testing.run_records import stored_entries
from tcm_contracts.generated.testsuite import v1

Status = v1.TestRunStatus
Result = v1.RunResult
ARRIVAL = 5.0


@pytest.fixture
async def other_service(database_url: str) -> AsyncIterator[Platform]:
    """The platform as another service (REST, GraphQL) runs it: its own pool and connections."""
    platform = await Platform.start(DatabaseSettings(dsn=database_url), clock=service_clock())
    yield platform
    await platform.close()


def counts(run: v1.TestRun | None) -> dict[v1.RunResult, int]:
    assert run is not None
    return {count.result: count.count for count in run.counts}


async def create_run(caller: Caller, request: v1.CreateTestRunRequest) -> v1.TestRun:
    response = await caller.clients.runs.create_test_run(request, timeout=TIMEOUT)
    assert response.test_run is not None
    return response.test_run


async def test_a_run_from_a_selection_snapshots_the_chosen_cases(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    first, second = await new_group(manager.clients, suite.id), await new_group(manager.clients, suite.id)
    high = await new_case(manager.clients, first.id, priority=v1.TestCasePriority.HIGH)
    await new_case(manager.clients, first.id, priority=v1.TestCasePriority.LOW)
    picked = await new_case(manager.clients, second.id, priority=v1.TestCasePriority.HIGH)
    await new_case(manager.clients, second.id, priority=v1.TestCasePriority.HIGH)

    everything = await create_run(manager, v1.CreateTestRunRequest(suite_id=suite.id, name="all"))
    chosen = await create_run(
        manager,
        v1.CreateTestRunRequest(
            suite_id=suite.id,
            name="chosen",
            label="build 7",
            group_ids=[first.id],
            case_ids=[picked.id],
            priorities=[v1.TestCasePriority.HIGH],
        ),
    )
    got = await manager.clients.runs.get_test_run(
        v1.GetTestRunRequest(id=chosen.id, include_entries=True), timeout=TIMEOUT
    )
    listed = await manager.clients.runs.list_test_runs(v1.ListTestRunsRequest(suite_id=suite.id), timeout=TIMEOUT)

    assert everything.entry_count == 4
    assert chosen.status == Status.PLANNED
    assert chosen.label == "build 7"
    assert chosen.entry_count == 2
    assert {entry.case_id for entry in got.entries} == {high.id, picked.id}
    assert all(entry.result == Result.UNTESTED for entry in got.entries)
    assert [run.id for run in listed.test_runs] == [chosen.id, everything.id]
    assert listed.total_count == 2

    await manager.clients.runs.start_test_run(v1.StartTestRunRequest(id=everything.id), timeout=TIMEOUT)
    started = await manager.clients.runs.list_test_runs(
        v1.ListTestRunsRequest(suite_id=suite.id, status=Status.IN_PROGRESS), timeout=TIMEOUT
    )
    assert [run.id for run in started.test_runs] == [everything.id]
    assert started.total_count == 1


async def test_every_role_records_results_and_only_managers_reopen(
    admin: Caller, manager: Caller, tester: Caller
) -> None:
    suite = await new_suite(manager.clients)
    group = await new_group(manager.clients, suite.id)
    cases = [await new_case(manager.clients, group.id) for _ in range(3)]
    run = await create_run(manager, v1.CreateTestRunRequest(suite_id=suite.id, name=unique_name("run")))

    outcomes = [Result.PASSED, Result.FAILED, Result.SKIPPED]
    for caller, case, result in zip((admin, manager, tester), cases, outcomes, strict=True):
        recorded = await caller.clients.runs.record_run_result(
            v1.RecordRunResultRequest(run_id=run.id, case_id=case.id, result=result, comment="seen"),
            timeout=TIMEOUT,
        )
        assert recorded.result is not None
        assert recorded.result.recorded_by is not None
        assert recorded.result.recorded_by.id == str(caller.user.id)
        assert recorded.entry is not None
        assert recorded.entry.result == result

    completed = await tester.clients.runs.complete_test_run(v1.CompleteTestRunRequest(id=run.id), timeout=TIMEOUT)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await tester.clients.runs.reopen_test_run(v1.ReopenTestRunRequest(id=run.id), timeout=TIMEOUT)
    with pytest.raises(grpc.aio.AioRpcError) as closed:
        await tester.clients.runs.record_run_result(
            v1.RecordRunResultRequest(run_id=run.id, case_id=cases[0].id, result=Result.RETEST), timeout=TIMEOUT
        )
    reopened = await manager.clients.runs.reopen_test_run(v1.ReopenTestRunRequest(id=run.id), timeout=TIMEOUT)

    assert completed.test_run is not None
    assert completed.test_run.status == Status.COMPLETED
    assert counts(completed.test_run)[Result.PASSED] == 1
    assert counts(completed.test_run)[Result.FAILED] == 1
    assert completed.test_run.completion == 100.0
    assert completed.test_run.pass_rate == pytest.approx(33.3)
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert closed.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert reopened.test_run is not None
    assert reopened.test_run.status == Status.IN_PROGRESS


async def test_a_failed_manual_result_needs_a_comment(tester: Caller, manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)
    run = await create_run(manager, v1.CreateTestRunRequest(suite_id=suite.id, name="r"))

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await tester.clients.runs.record_run_result(
            v1.RecordRunResultRequest(run_id=run.id, case_id=case.id, result=Result.FAILED), timeout=TIMEOUT
        )

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "comment" in field_violations(refused.value)


def report_stream(target: v1.ReportTarget, *batches: list[v1.ReportedResult]) -> list[v1.ReportResultsRequest]:
    return [
        v1.ReportResultsRequest(target=target),
        *(v1.ReportResultsRequest(results=v1.ReportedResults(results=batch)) for batch in batches),
    ]


async def test_reported_results_by_key_and_case_id_count_once(manager: Caller, tester: Caller) -> None:
    suite = await new_suite(manager.clients)
    group = await new_group(manager.clients, suite.id)
    keyed, plain = await new_case(manager.clients, group.id), await new_case(manager.clients, group.id)
    await manager.clients.runs.set_automation_key(
        v1.SetAutomationKeyRequest(case_id=keyed.id, automation_key="pkg.test_mod.test_keyed"), timeout=TIMEOUT
    )
    run = await create_run(manager, v1.CreateTestRunRequest(suite_id=suite.id, name="ci"))
    requests = report_stream(
        v1.ReportTarget(run_id=run.id, report_id="job-1"),
        [v1.ReportedResult(automation_key="pkg.test_mod.test_keyed", result=Result.PASSED)],
        [
            v1.ReportedResult(case_id=plain.id, result=Result.FAILED, comment="boom"),
            v1.ReportedResult(automation_key="pkg.unknown", result=Result.PASSED),
        ],
    )

    first = await tester.clients.runs.report_results(requests, timeout=TIMEOUT)
    again = await tester.clients.runs.report_results(requests, timeout=TIMEOUT)

    assert first.recorded_total == 2
    assert first.matched == 2
    assert first.created == 0
    assert first.unmatched_keys == ["pkg.unknown"]
    assert {c.result: c.count for c in first.recorded}[Result.FAILED] == 1
    assert again.recorded_total == 0
    assert again.already_recorded == 2
    assert counts(again.test_run)[Result.PASSED] == 1
    assert counts(again.test_run)[Result.FAILED] == 1


async def test_a_report_creates_a_new_run_and_missing_cases(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    target = v1.ReportTarget(
        new_run=v1.NewRunTarget(suite_id=suite.id, name="CI #1", label="main"),
        report_id="sha256:abc",
        create_missing=True,
    )
    results = [
        v1.ReportedResult(automation_key=f"tests.test_new.test_{index}", result=Result.PASSED) for index in range(3)
    ]

    summary = await manager.clients.runs.report_results(
        report_stream(target, results[:1], results[1:]), timeout=TIMEOUT
    )

    assert summary.test_run is not None
    assert summary.test_run.name == "CI #1"
    assert summary.test_run.label == "main"
    assert summary.created == 3
    assert summary.recorded_total == 3
    assert summary.test_run.entry_count == 3
    assert summary.test_run.status == Status.IN_PROGRESS


def shard(keys: list[str], result: v1.RunResult) -> list[v1.ReportedResult]:
    return [v1.ReportedResult(automation_key=key, result=result) for key in keys]


async def test_two_reporters_at_once_lose_no_result_and_write_none_twice(
    manager: Caller, tester: Caller, migrated_pool: asyncpg.Pool
) -> None:
    keys = [f"parallel.test_shard.test_{n:02d}" for n in range(30)]
    suite = await new_suite(manager.clients)
    # The suite's keyed cases, made by an earlier report; the run covers them all.
    setup = v1.ReportTarget(
        new_run=v1.NewRunTarget(suite_id=suite.id, name="setup"), report_id="setup", create_missing=True
    )
    await manager.clients.runs.report_results(report_stream(setup, shard(keys, Result.PASSED)), timeout=TIMEOUT)
    run = await create_run(manager, v1.CreateTestRunRequest(suite_id=suite.id, name="parallel"))

    def job(report_id: str, results: list[v1.ReportedResult]) -> list[v1.ReportResultsRequest]:
        # Ten results a message: the streams interleave on the channel.
        batches = [results[start : start + 10] for start in range(0, len(results), 10)]
        return report_stream(v1.ReportTarget(run_id=run.id, report_id=report_id), *batches)

    # Two CI jobs report overlapping shards into the run at once; the first job is retried while it runs.
    one, two, retried = await asyncio.gather(
        tester.clients.runs.report_results(job("first", shard(keys[:20], Result.PASSED)), timeout=TIMEOUT),
        manager.clients.runs.report_results(job("second", shard(keys[10:], Result.FAILED)), timeout=TIMEOUT),
        manager.clients.runs.report_results(job("first", shard(keys[:20], Result.PASSED)), timeout=TIMEOUT),
    )
    entries = await stored_entries(migrated_pool, run.id)
    after = await tester.clients.runs.get_test_run(v1.GetTestRunRequest(id=run.id), timeout=TIMEOUT)

    assert two.recorded_total == 20
    assert sorted([one.recorded_total, retried.recorded_total]) == [0, 20]
    assert one.already_recorded + retried.already_recorded == 20
    # Every reported result is there, once per report and entry, and each entry holds its latest record.
    assert sorted(entries) == keys
    assert {key: sorted(map(str, entry.report_ids())) for key, entry in entries.items()} == {
        **{key: ["first"] for key in keys[:10]},
        **{key: ["first", "second"] for key in keys[10:20]},
        **{key: ["second"] for key in keys[20:]},
    }
    assert all(entry.holds_its_latest_record() for entry in entries.values())
    assert {key: entry.result for key, entry in entries.items() if len(entry.records) == 1} == {
        **{key: "PASSED" for key in keys[:10]},
        **{key: "FAILED" for key in keys[20:]},
    }
    assert after.test_run is not None
    assert (after.test_run.entry_count, after.test_run.completion) == (30, 100.0)
    assert after.test_run.status == Status.IN_PROGRESS


async def test_a_stream_without_a_target_is_refused(tester: Caller) -> None:
    only_results = [
        v1.ReportResultsRequest(results=v1.ReportedResults(results=[v1.ReportedResult(automation_key="k")]))
    ]

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await tester.clients.runs.report_results(only_results, timeout=TIMEOUT)

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "target" in field_violations(refused.value)


async def test_watch_delivers_a_result_recorded_by_another_service(
    manager: Caller, tester: Caller, other_service: Platform
) -> None:
    suite = await new_suite(manager.clients)
    case = await new_case(manager.clients, (await new_group(manager.clients, suite.id)).id)
    run = await create_run(manager, v1.CreateTestRunRequest(suite_id=suite.id, name="watched"))
    other_principal = Principal(tester.user.id, tester.user.username, tester.user.role)

    stream = tester.clients.runs.watch_test_run(v1.WatchTestRunRequest(id=run.id), timeout=60)
    async with contextlib.aclosing(stream):
        async with asyncio.timeout(ARRIVAL):
            snapshot = await anext(stream)
        await other_service.runs.record_result(
            other_principal, UUID(run.id), UUID(case.id), ResultFields(RunResult.PASSED)
        )
        async with asyncio.timeout(ARRIVAL):
            change = await anext(stream)
        await manager.clients.runs.delete_test_run(v1.DeleteTestRunRequest(id=run.id), timeout=TIMEOUT)
        async with asyncio.timeout(ARRIVAL):
            rest = [message async for message in stream]

    changes = (v1.TestRunChangeKind.STATUS_CHANGED, v1.TestRunChangeKind.RESULTS_CHANGED)
    assert snapshot.kind == v1.TestRunChangeKind.SNAPSHOT
    assert snapshot.run_id == run.id
    assert counts(snapshot.test_run)[Result.PASSED] == 0
    # The first result starts the run: a status change and the results, each loaded after the commit.
    assert change.kind in changes
    assert counts(change.test_run)[Result.PASSED] == 1
    assert rest[-1].kind == v1.TestRunChangeKind.DELETED
    assert rest[-1].test_run is None
    assert all(message.kind in changes for message in rest[:-1])


async def test_watching_an_unknown_run_is_not_found(tester: Caller) -> None:
    stream = tester.clients.runs.watch_test_run(
        v1.WatchTestRunRequest(id="00000000-0000-4000-8000-000000000000"), timeout=TIMEOUT
    )
    async with contextlib.aclosing(stream):
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await anext(stream)

    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
