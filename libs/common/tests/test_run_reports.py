"""Reported results over the real database (docs/domain-runs.md): matching by automation key or case
id, cases created for unknown keys, idempotent re-import, JUnit files end to end, concurrent reporters
and batched statements."""

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest

from tcm_common.application.run_reports import ReportedResult, ResultReport
from tcm_common.domain.case import CaseFields
from tcm_common.domain.errors import PermissionDenied, ValidationFailed
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal
from tcm_common.domain.run import RunFields
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import RunResult
from tcm_common.domain.run_status import RunStatus
from tcm_common.domain.suite import SuiteFields
from tcm_common.persistence.change_feed import ChangeFeed
from tcm_common.platform import Platform
from tcm_common.reporting.junit import parse_junit

R = RunResult
FIXTURES = Path(__file__).parent / "junit_fixtures"


async def keyed_suite(platform: Platform, manager: Principal, keys: list[str]) -> tuple[UUID, list[UUID]]:
    """A suite with one case per key, each case carrying its key."""
    suite = await platform.suites.create(manager, SuiteFields("CI", date(2026, 11, 1), date(2026, 12, 31)))
    group = await platform.groups.create(manager, suite.id, GroupFields("Checkout"))
    case_ids = []
    for key in keys:
        case = await platform.cases.create(manager, group.id, CaseFields(key.rsplit(".", 1)[-1]))
        await platform.automation_keys.set_key(manager, case.id, key)
        case_ids.append(case.id)
    return suite.id, case_ids


async def test_results_by_key_and_by_case_id(platform: Platform, manager: Principal, tester: Principal) -> None:
    suite_id, [visa, amex, refund] = await keyed_suite(platform, manager, ["pay.visa", "pay.amex", "pay.refund"])
    run = await platform.runs.create(manager, suite_id, RunFields("Nightly"), RunSelection.of(case_ids=[visa, amex]))
    report = ResultReport(
        "job-1",
        [
            ReportedResult(R.PASSED, automation_key="pay.visa", duration_ms=10),
            ReportedResult(R.FAILED, case_id=amex),  # automated: no comment needed
            ReportedResult(R.PASSED, case_id=refund),  # in the suite, not yet in the run: joins it
            ReportedResult(R.PASSED, automation_key="pay.unknown"),
            ReportedResult(R.PASSED, case_id=uuid4()),
        ],
    )
    outcome = await platform.run_reports.report(tester, run.id, report)
    assert (outcome.recorded[R.PASSED], outcome.recorded[R.FAILED], outcome.recorded_total) == (2, 1, 3)
    assert (outcome.matched, outcome.created, outcome.added, outcome.already_recorded) == (3, 0, 1, 0)
    assert outcome.unmatched_keys == ["pay.unknown"]
    assert len(outcome.unmatched_case_ids) == 1
    assert outcome.run.run.status is RunStatus.IN_PROGRESS
    assert (outcome.run.entry_count, outcome.run.counts[R.PASSED], outcome.run.counts[R.FAILED]) == (3, 2, 1)

    again = await platform.run_reports.report(tester, run.id, report)
    assert (again.recorded_total, again.already_recorded, again.added, again.matched) == (0, 3, 0, 3)
    assert again.run.counts == outcome.run.counts
    history = await platform.runs.results(tester, run.id, visa)
    assert [(h.record.result, h.record.source.value, h.record.report_id) for h in history] == [
        (R.PASSED, "AUTOMATED", "job-1")
    ]


async def test_create_missing_cases_in_the_automated_group(
    platform: Platform, manager: Principal, tester: Principal, migrated_pool: asyncpg.Pool
) -> None:
    suite_id, _ = await keyed_suite(platform, manager, ["pay.visa"])
    run = await platform.runs.create(manager, suite_id, RunFields("Nightly"), RunSelection.of())
    report = ResultReport(
        "job-2",
        [
            ReportedResult(R.PASSED, automation_key="pay.visa"),
            ReportedResult(R.FAILED, automation_key="pay.TestCard.test_new", comment="boom"),
            ReportedResult(R.SKIPPED, automation_key="pay.TestCard.test_later", title="later, maybe"),
        ],
        create_missing=True,
    )
    with pytest.raises(PermissionDenied):
        await platform.run_reports.report(tester, run.id, report)  # creating cases is a manager's
    outcome = await platform.run_reports.report(manager, run.id, report)
    assert (outcome.created, outcome.added, outcome.matched, outcome.unmatched_keys) == (2, 2, 3, [])
    rows = await migrated_pool.fetch(
        """SELECT c.title, c.priority, g.name, k.automation_key FROM test_cases c
             JOIN test_groups g ON g.id = c.group_id JOIN case_automation_keys k ON k.case_id = c.id
            WHERE g.suite_id = $1 AND g.name = 'Automated' ORDER BY k.automation_key""",
        suite_id,
    )
    assert [tuple(row) for row in rows] == [
        ("later, maybe", "MEDIUM", "Automated", "pay.TestCard.test_later"),
        ("test_new", "MEDIUM", "Automated", "pay.TestCard.test_new"),
    ]
    again = await platform.run_reports.report(manager, run.id, report)
    assert (again.created, again.recorded_total, again.already_recorded) == (0, 0, 3)
    other = ResultReport("job-3", [ReportedResult(R.PASSED, automation_key="pay.third")], create_missing=True)
    await platform.run_reports.report(manager, run.id, other)
    groups = await migrated_pool.fetchval(
        "SELECT count(*) FROM test_groups WHERE suite_id = $1 AND name = 'Automated'", suite_id
    )
    assert groups == 1  # the group is made once


async def test_a_bad_result_refuses_the_whole_report(platform: Platform, manager: Principal, tester: Principal) -> None:
    suite_id, [visa] = await keyed_suite(platform, manager, ["pay.visa"])
    run = await platform.runs.create(manager, suite_id, RunFields("Nightly"), RunSelection.of())
    report = ResultReport(
        "job-4",
        [
            ReportedResult(R.PASSED, automation_key="pay.visa"),
            ReportedResult(R.UNTESTED, automation_key="pay.visa"),
            ReportedResult(R.PASSED),
            ReportedResult(R.PASSED, automation_key="k" * 501),
        ],
    )
    with pytest.raises(ValidationFailed) as caught:
        await platform.run_reports.report(tester, run.id, report)
    assert [d.field for d in caught.value.details] == [
        "results[1].result",
        "results[2].caseId",
        "results[3].automationKey",
    ]
    assert (await platform.runs.get(tester, run.id)).counts[R.UNTESTED] == 1


async def test_reruns_in_one_report_count_their_worst_result(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    suite_id, [visa] = await keyed_suite(platform, manager, ["pay.visa"])
    run = await platform.runs.create(manager, suite_id, RunFields("Nightly"), RunSelection.of())
    report = ResultReport(
        "job-5",
        [
            ReportedResult(R.PASSED, automation_key="pay.visa"),
            ReportedResult(R.FAILED, case_id=visa, comment="flaky"),
            ReportedResult(R.SKIPPED, automation_key="pay.visa"),
        ],
    )
    outcome = await platform.run_reports.report(tester, run.id, report)
    assert (outcome.matched, outcome.recorded_total, outcome.recorded[R.FAILED]) == (3, 1, 1)


@pytest.mark.parametrize("name", ["pytest.xml", "surefire.xml", "jest-junit.xml", "go-junit-report.xml"])
async def test_junit_files_end_to_end(platform: Platform, manager: Principal, name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    parsed = parse_junit(data)
    suite = await platform.suites.create(manager, SuiteFields(name, date(2026, 11, 1), date(2026, 12, 31)))
    outcome = await platform.run_reports.report_new_run(
        manager, suite.id, RunFields(f"CI {name}", label="main"), parsed.to_report(create_missing=True)
    )
    expected = {result: parsed.count(result) for result in (R.PASSED, R.FAILED, R.SKIPPED)}
    assert {result: outcome.recorded[result] for result in expected} == expected
    assert outcome.created == len(parsed.cases) == outcome.run.entry_count
    assert outcome.run.completion == 100.0
    again = await platform.run_reports.report(manager, outcome.run.id, parse_junit(data).to_report())
    assert (again.recorded_total, again.already_recorded, again.created) == (0, len(parsed.cases), 0)


async def test_a_new_run_from_a_report_needs_a_manager(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    suite_id, _ = await keyed_suite(platform, manager, ["pay.visa"])
    report = ResultReport("job-6", [ReportedResult(R.PASSED, automation_key="pay.visa")])
    with pytest.raises(PermissionDenied):
        await platform.run_reports.report_new_run(tester, suite_id, RunFields("CI"), report)
    outcome = await platform.run_reports.report_new_run(manager, suite_id, RunFields("CI"), report)
    assert (outcome.run.entry_count, outcome.run.pass_rate, outcome.added) == (1, 100.0, 1)


async def test_two_reporters_at_once_lose_nothing(
    platform: Platform, manager: Principal, tester: Principal, migrated_pool: asyncpg.Pool
) -> None:
    keys = [f"load.test_{n:03d}" for n in range(120)]
    suite_id, _ = await keyed_suite(platform, manager, keys[:60])
    run = await platform.runs.create(manager, suite_id, RunFields("Parallel"), RunSelection.of())
    # Two CI jobs report overlapping parts at the same time; the second also creates the 60 missing cases.
    first = ResultReport("shard-1", [ReportedResult(R.PASSED, automation_key=key) for key in keys[:80]])
    second = ResultReport(
        "shard-2", [ReportedResult(R.FAILED, automation_key=key) for key in keys[40:]], create_missing=True
    )
    one, two = await asyncio.gather(
        platform.run_reports.report(tester, run.id, first), platform.run_reports.report(manager, run.id, second)
    )
    # The first finds keys 60-79 only when the second has created them before it.
    assert one.recorded_total + len(one.unmatched_keys) == 80
    assert (two.created, two.recorded_total, two.unmatched_keys) == (60, 80, [])
    records = await migrated_pool.fetchval("SELECT count(*) FROM result_records WHERE run_id = $1", run.id)
    assert records == one.recorded_total + two.recorded_total
    tally = await migrated_pool.fetch(
        "SELECT result, count(*) AS n FROM run_entries WHERE run_id = $1 GROUP BY result", run.id
    )
    counts = {row["result"]: row["n"] for row in tally}
    assert sum(counts.values()) == 120
    assert "UNTESTED" not in counts
    assert counts["PASSED"] >= 40
    assert counts["FAILED"] >= 60


async def test_many_reporters_of_disjoint_results(platform: Platform, manager: Principal, tester: Principal) -> None:
    keys = [f"shard.test_{n:03d}" for n in range(100)]
    suite_id, _ = await keyed_suite(platform, manager, keys)
    run = await platform.runs.create(manager, suite_id, RunFields("Sharded"), RunSelection.of())
    shards = [
        ResultReport(f"shard-{n}", [ReportedResult(R.PASSED, automation_key=key) for key in keys[n::4]])
        for n in range(4)
    ]
    outcomes = await asyncio.gather(*(platform.run_reports.report(tester, run.id, shard) for shard in shards))
    assert [outcome.recorded_total for outcome in outcomes] == [25, 25, 25, 25]
    view = await platform.runs.get(tester, run.id)
    assert (view.counts[R.PASSED], view.completion, view.pass_rate) == (100, 100.0, 100.0)


class StatementLog:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, record: Any) -> None:
        self.statements.append(record.query)

    async def take_through_commit(self) -> list[str]:
        """The statements up to the transaction's COMMIT (asyncpg hands them to loggers a bit later)."""
        deadline = time.monotonic() + 5
        while not self._ends_with_commit():
            assert time.monotonic() < deadline, "no COMMIT logged"
            await asyncio.sleep(0.01)
        taken, self.statements = self._relevant(), []
        return taken

    def _relevant(self) -> list[str]:
        return [statement for statement in self.statements if "RESET ALL" not in statement]

    def _ends_with_commit(self) -> bool:
        relevant = self._relevant()
        return bool(relevant) and relevant[-1].strip().rstrip(";").upper() == "COMMIT"


@pytest.fixture
async def logged_platform(
    database_url: str, migrated_pool: asyncpg.Pool  # noqa: ARG001 requested for its side effect
) -> AsyncIterator[tuple[Platform, StatementLog]]:
    log = StatementLog()

    async def init(connection: asyncpg.Connection) -> None:
        connection.add_query_logger(log)

    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2, init=init)
    assert pool is not None
    feed = ChangeFeed(lambda: asyncpg.connect(database_url))
    try:
        yield Platform(pool, feed), log
    finally:
        await feed.close()
        await pool.close()


async def test_a_report_takes_the_same_statements_whatever_its_size(
    logged_platform: tuple[Platform, StatementLog], manager: Principal
) -> None:
    platform, log = logged_platform
    keys = [f"bulk.test_{n:04d}" for n in range(300)]
    suite_id, _ = await keyed_suite(platform, manager, keys[:150])
    run = await platform.runs.create(manager, suite_id, RunFields("Bulk", drives_workflow=True), RunSelection.nothing())
    await platform.pool.execute(
        "UPDATE test_cases c SET status = 'TESTING' FROM test_groups g WHERE g.id = c.group_id AND g.suite_id = $1",
        suite_id,
    )
    # A first report starts the run and makes the Automated group, which the measured ones then find.
    warm_up = ResultReport("warm-up", [ReportedResult(R.PASSED, automation_key="bulk.warm_up")], create_missing=True)
    await platform.run_reports.report(manager, run.id, warm_up)
    await log.take_through_commit()
    statements = []
    for report_id, part in [("small", keys[:3] + keys[150:152]), ("large", keys[3:150] + keys[152:])]:
        results = [ReportedResult(R.FAILED if n % 3 else R.PASSED, automation_key=k) for n, k in enumerate(part)]
        outcome = await platform.run_reports.report(
            manager, run.id, ResultReport(report_id, results, create_missing=True)
        )
        assert outcome.recorded_total == len(part)
        statements.append(await log.take_through_commit())
    small, large = statements
    assert len(small) == len(large), (small, large)
    assert len(large) < 25
    assert sum("UPDATE test_cases" in statement for statement in large) == 1  # drivesWorkflow moved them at once
