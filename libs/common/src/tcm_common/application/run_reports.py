"""Reported results (CI): a batch of results by automation key or case id recorded into a run, once per
report however often it is sent (docs/domain-runs.md).

    report = ResultReport("sha256:...", [ReportedResult(RunResult.PASSED, automation_key="a.b.test_x")])
    outcome = await platform.run_reports.report(principal, run_id, report)
    outcome = await platform.run_reports.report_new_run(principal, suite_id, RunFields("CI #12"), report)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID, uuid4

from tcm_common.application.clock import Clock
from tcm_common.application.lookup import found, suite_of
from tcm_common.application.policy import Action, authorize
from tcm_common.application.run_ports import RunUnitOfWork, RunUnitOfWorkFactory
from tcm_common.application.run_recording import open_run, write_results
from tcm_common.application.run_views import ImportReport
from tcm_common.application.runs import create_run
from tcm_common.domain.automation import automation_key_of
from tcm_common.domain.case import TITLE_MAX_LENGTH, CaseFields, TestCase
from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.group import GroupFields, TestGroup
from tcm_common.domain.principal import Principal
from tcm_common.domain.run import RunFields, TestRun
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_result import ResultFields, ResultRecord, ResultSource, RunResult
from tcm_common.domain.validation import Checker

MAX_REPORTED_RESULTS = 100_000
REPORT_ID_MAX_LENGTH = 200
AUTOMATED_GROUP = "Automated"
_MAX_LISTED_ERRORS = 20
_NO_CASE = UUID(int=0)  # a record's case until its key is resolved
# When one report names a case more than once (reruns), the worst of its results counts.
_SEVERITY = {
    RunResult.PASSED: 1,
    RunResult.SKIPPED: 2,
    RunResult.RETEST: 3,
    RunResult.BLOCKED: 4,
    RunResult.FAILED: 5,
}


@dataclass(frozen=True, slots=True)
class ReportedResult:
    """One automated result, naming its case by `automation_key` or by `case_id` (exactly one).
    `title` names the case created for an unknown key (the key's last part when not given)."""

    result: RunResult
    automation_key: str | None = None
    case_id: UUID | None = None
    title: str | None = None
    comment: str | None = None
    duration_ms: int | None = None
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class ResultReport:
    """`report_id` is the report's identity (a JUnit file's digest, a CI job's id): the results of one
    report are recorded once per entry. `create_missing` makes cases for unknown keys."""

    report_id: str
    results: Sequence[ReportedResult]
    create_missing: bool = False


@dataclass(frozen=True, slots=True)
class _Item:
    key: str | None
    case_id: UUID | None
    title: str | None
    record: ResultRecord


class RunReportUseCases:
    def __init__(self, unit_of_work: RunUnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def report(self, principal: Principal | None, run_id: UUID, report: ResultReport) -> ImportReport:
        """Every role reports; creating cases for unknown keys needs the right to manage cases."""
        actor = authorize(principal, Action.EXECUTE_RUNS)
        if report.create_missing:
            authorize(principal, Action.MANAGE_CASES)
        now = self._clock.now()
        items = _validated(report, actor.user_id, now)
        async with self._unit_of_work() as uow:
            if report.create_missing:
                # The suite lock first (as group creation takes it): concurrent reports create each
                # missing case and the Automated group once.
                unlocked = found(await uow.runs.get(run_id), "test run", run_id)
                await suite_of(uow, unlocked.suite_id, for_update=True)
            run = await open_run(uow, run_id)
            outcome = await _record(uow, run, items, report.create_missing, actor.user_id, now)
            await uow.commit()
        return outcome

    async def report_new_run(
        self, principal: Principal | None, suite_id: UUID, fields: RunFields, report: ResultReport
    ) -> ImportReport:
        """A new run holding just the reported cases, in the same transaction as its results."""
        actor = authorize(principal, Action.MANAGE_RUNS)
        if report.create_missing:
            authorize(principal, Action.MANAGE_CASES)
        now = self._clock.now()
        items = _validated(report, actor.user_id, now)
        async with self._unit_of_work() as uow:
            if report.create_missing:
                await suite_of(uow, suite_id, for_update=True)
            # The run and its results share one instant.
            frozen = replace(self._clock, read_instant=lambda: now)
            run = await create_run(uow, suite_id, fields, RunSelection.nothing(), actor, frozen)
            outcome = await _record(uow, run, items, report.create_missing, actor.user_id, now)
            await uow.commit()
        return outcome


def _validated(report: ResultReport, recorded_by: UUID, now: datetime) -> list[_Item]:
    """Every result checked before anything is written: one bad result refuses the whole report."""
    check = Checker()
    report_id = check.required_text("reportId", report.report_id, REPORT_ID_MAX_LENGTH)
    if len(report.results) > MAX_REPORTED_RESULTS:
        check.fail("results", f"must be at most {MAX_REPORTED_RESULTS} in one report")
    check.raise_if_failed()
    errors: list[tuple[str, str]] = []
    items: list[_Item] = []
    for index, reported in enumerate(report.results):
        try:
            items.append(_item(reported, report_id, recorded_by, now))
        except ValidationFailed as failure:
            errors += [(f"results[{index}].{detail.field}", detail.message) for detail in failure.details]
            if len(errors) >= _MAX_LISTED_ERRORS:
                break
    if errors:
        raise ValidationFailed(errors[:_MAX_LISTED_ERRORS])
    return items


def _item(reported: ReportedResult, report_id: str, recorded_by: UUID, now: datetime) -> _Item:
    check = Checker()
    key = automation_key_of(check, reported.automation_key)
    if (key is None) == (reported.case_id is None):
        check.fail("caseId", "name the case by automationKey or by caseId, one of them")
    title = check.optional_text("title", reported.title, TITLE_MAX_LENGTH)
    check.raise_if_failed()
    fields = ResultFields(
        reported.result, reported.comment, reported.duration_ms, ResultSource.AUTOMATED, reported.external_id
    )
    record = ResultRecord.record(
        uuid4(), _NO_CASE, _NO_CASE, fields, recorded_by=recorded_by, now=now, report_id=report_id
    )
    return _Item(key, reported.case_id, title, record)


async def _record(
    uow: RunUnitOfWork, run: TestRun, items: list[_Item], create_missing: bool, recorded_by: UUID, now: datetime
) -> ImportReport:
    keys = list(dict.fromkeys(item.key for item in items if item.key is not None))
    named_ids = list(dict.fromkeys(item.case_id for item in items if item.case_id is not None))
    by_key = await uow.automation.case_ids_by_key(run.suite_id, keys)
    known_ids = await uow.automation.case_ids_in_suite(run.suite_id, named_ids)
    missing_keys = [key for key in keys if key not in by_key]
    created = 0
    if create_missing and missing_keys:
        titles = {item.key: item.title for item in items if item.key is not None and item.title}
        by_key |= await _create_cases(uow, run.suite_id, missing_keys, titles, now)
        created = len(missing_keys)
    worst: dict[UUID, ResultRecord] = {}
    matched = 0
    for item in items:
        case_id = by_key.get(item.key) if item.key is not None else item.case_id
        if case_id is None or (item.key is None and case_id not in known_ids):
            continue
        matched += 1
        kept = worst.get(case_id)
        if kept is None or _SEVERITY[item.record.result] > _SEVERITY[kept.result]:
            worst[case_id] = replace(item.record, run_id=run.id, case_id=case_id)
    added = await uow.runs.add_cases(run.id, list(worst))
    written = await write_results(uow, run, list(worst.values()), moved_by=recorded_by, now=now)
    if created and not written.moved:
        uow.publish(ChangeEvent(run.suite_id, ChangeKind.CASES_CHANGED_BY_RUN, run.id, written.run.version))
    recorded: dict[RunResult, int] = {result: 0 for result in RunResult if result is not RunResult.UNTESTED}
    for record in written.records:
        recorded[record.result] += 1
    return ImportReport(
        run=await uow.runs.view(written.run),
        recorded=recorded,
        already_recorded=len(worst) - len(written.records),
        matched=matched,
        created=created,
        added=added,
        unmatched_keys=[key for key in missing_keys if key not in by_key],
        unmatched_case_ids=[case_id for case_id in named_ids if case_id not in known_ids],
    )


async def _create_cases(
    uow: RunUnitOfWork, suite_id: UUID, keys: Sequence[str], titles: dict[str, str], now: datetime
) -> dict[str, UUID]:
    """Cases for unknown keys in the suite's `Automated` group (made when missing), priority MEDIUM."""
    group_id = await uow.automation.group_named(suite_id, AUTOMATED_GROUP)
    if group_id is None:
        order = await uow.groups.next_display_order(suite_id)
        group = TestGroup.create(uuid4(), suite_id, GroupFields(AUTOMATED_GROUP), order, now)
        await uow.groups.add(group)
        uow.publish(ChangeEvent(suite_id, ChangeKind.GROUP_CREATED, group.id, group.version))
        group_id = group.id
    cases = [
        replace(
            TestCase.create(uuid4(), group_id, CaseFields(titles.get(key) or _title_of(key)), now), automation_key=key
        )
        for key in keys
    ]
    await uow.automation.add_cases(cases)
    return {key: case.id for key, case in zip(keys, cases, strict=True)}


def _title_of(key: str) -> str:
    """The test's own name: the last part of `classname.name`, cut to fit a title."""
    name = key.rsplit(".", 1)[-1].strip() or key
    return name[:TITLE_MAX_LENGTH]
