"""The run rules of docs/domain-runs.md, on the pure domain."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import product
from uuid import uuid4

import pytest

from tcm_common.domain.case import CaseFields, TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.errors import Conflict, InvalidTransition, ValidationFailed
from tcm_common.domain.priority import Priority
from tcm_common.domain.run import RunFields, RunPatch, TestRun, ensure_suite_open
from tcm_common.domain.run_entry import RunSelection
from tcm_common.domain.run_figures import RunFigures
from tcm_common.domain.run_result import ResultFields, ResultRecord, ResultSource, RunResult
from tcm_common.domain.run_status import RunStatus, check_run_transition
from tcm_common.domain.run_workflow import move_by_result, workflow_target
from tcm_common.domain.suite_status import SuiteStatus

NOW = datetime(2026, 11, 20, 9, tzinfo=UTC)
LATER = NOW + timedelta(hours=2)
R = RunStatus
LEGAL_RUN_MOVES = {
    (R.PLANNED, R.IN_PROGRESS),
    (R.PLANNED, R.ABORTED),
    (R.IN_PROGRESS, R.COMPLETED),
    (R.IN_PROGRESS, R.ABORTED),
    (R.COMPLETED, R.IN_PROGRESS),
    (R.ABORTED, R.IN_PROGRESS),
}
# drivesWorkflow, written out: every other (result, status) pair moves nothing.
WORKFLOW_MOVES = {
    (RunResult.FAILED, CaseStatus.TESTING): CaseStatus.FIXING,
    (RunResult.FAILED, CaseStatus.RETESTING): CaseStatus.FIXING,
    (RunResult.PASSED, CaseStatus.TESTING): CaseStatus.REVIEW_WAITING,
    (RunResult.PASSED, CaseStatus.RETESTING): CaseStatus.REVIEW_WAITING,
}


def new_run(**changes: object) -> TestRun:
    run = TestRun.create(uuid4(), uuid4(), RunFields("  Nightly 42  ", " ", "build 2.4.1"), uuid4(), NOW)
    return replace(run, **changes)  # type: ignore[arg-type]


def test_a_new_run_is_planned_and_trimmed() -> None:
    run = new_run()
    assert (run.name, run.description, run.label) == ("Nightly 42", None, "build 2.4.1")
    assert (run.status, run.version, run.started_at, run.completed_at) == (R.PLANNED, 1, None, None)
    assert run.drives_workflow is False


def test_run_fields_are_checked_together() -> None:
    with pytest.raises(ValidationFailed) as caught:
        TestRun.create(uuid4(), uuid4(), RunFields("", label="x" * 101), uuid4(), NOW)
    assert {detail.field for detail in caught.value.details} == {"name", "label"}
    with pytest.raises(ValidationFailed):
        TestRun.create(uuid4(), uuid4(), RunFields("n" * 101), uuid4(), NOW)


@pytest.mark.parametrize(("current", "target"), list(product(RunStatus, RunStatus)))
def test_every_run_transition(current: RunStatus, target: RunStatus) -> None:
    if (current, target) in LEGAL_RUN_MOVES:
        check_run_transition(current, target)
    else:
        with pytest.raises(InvalidTransition):
            check_run_transition(current, target)


def test_start_complete_reopen_keep_the_times() -> None:
    started = new_run().change_status(R.IN_PROGRESS, NOW)
    assert (started.started_at, started.completed_at, started.version) == (NOW, None, 2)
    completed = started.change_status(R.COMPLETED, LATER)
    assert (completed.started_at, completed.completed_at) == (NOW, LATER)
    reopened = completed.change_status(R.IN_PROGRESS, LATER + timedelta(hours=1))
    assert (reopened.status, reopened.started_at, reopened.completed_at) == (R.IN_PROGRESS, NOW, None)


def test_aborting_a_planned_run_never_starts_it() -> None:
    aborted = new_run().change_status(R.ABORTED, NOW)
    assert (aborted.started_at, aborted.completed_at) == (None, NOW)


def test_the_first_result_starts_a_planned_run_only() -> None:
    run = new_run()
    started = run.started_by_result(LATER)
    assert (started.status, started.started_at, started.version) == (R.IN_PROGRESS, LATER, 2)
    assert started.started_by_result(LATER + timedelta(hours=1)) is started


@pytest.mark.parametrize("closed", [R.COMPLETED, R.ABORTED])
def test_a_closed_run_is_read_only(closed: RunStatus) -> None:
    run = new_run(status=closed, started_at=NOW, completed_at=NOW)
    with pytest.raises(Conflict, match="reopen it first"):
        run.apply(RunPatch(name="Renamed"), LATER)
    with pytest.raises(Conflict):
        run.started_by_result(LATER)


def test_patch_keeps_what_it_does_not_name() -> None:
    run = new_run()
    changed = run.apply(RunPatch(label=None, drives_workflow=True), LATER)
    assert (changed.name, changed.label, changed.drives_workflow, changed.version) == ("Nightly 42", None, True, 2)


def test_runs_of_a_completed_suite_are_read_only() -> None:
    ensure_suite_open(uuid4(), SuiteStatus.IN_PROGRESS)
    with pytest.raises(Conflict):
        ensure_suite_open(uuid4(), SuiteStatus.COMPLETED)


def record(fields: ResultFields) -> ResultRecord:
    return ResultRecord.record(uuid4(), uuid4(), uuid4(), fields, recorded_by=uuid4(), now=NOW)


@pytest.mark.parametrize("result", [RunResult.FAILED, RunResult.BLOCKED])
def test_failed_and_blocked_need_a_comment_unless_automated(result: RunResult) -> None:
    with pytest.raises(ValidationFailed) as caught:
        record(ResultFields(result, comment="  "))
    assert caught.value.details[0].field == "comment"
    assert record(ResultFields(result, source=ResultSource.AUTOMATED)).comment is None
    assert record(ResultFields(result, comment=" broke ")).comment == "broke"


@pytest.mark.parametrize("result", [RunResult.PASSED, RunResult.SKIPPED, RunResult.RETEST])
def test_other_results_need_no_comment(result: RunResult) -> None:
    assert record(ResultFields(result, duration_ms=0)).result is result


def test_untested_is_not_recorded_and_durations_are_not_negative() -> None:
    with pytest.raises(ValidationFailed) as caught:
        record(ResultFields(RunResult.UNTESTED, duration_ms=-1, external_id="x" * 501))
    assert {d.field for d in caught.value.details} == {"result", "durationMs", "externalId"}


def test_figures_follow_the_formulas() -> None:
    figures = RunFigures.of({RunResult.UNTESTED: 2, RunResult.PASSED: 5, RunResult.FAILED: 2, RunResult.SKIPPED: 1})
    assert list(figures.counts) == list(RunResult)
    assert (figures.total, figures.tested) == (10, 8)
    assert figures.completion == 80.0
    assert figures.pass_rate == 62.5  # 5 of the 8 with a result
    assert RunFigures.of({RunResult.PASSED: 1, RunResult.RETEST: 2}).pass_rate == 33.3


def test_figures_without_entries_or_results_are_zero() -> None:
    assert (RunFigures.of({}).completion, RunFigures.of({}).pass_rate) == (0.0, 0.0)
    untested = RunFigures.of({RunResult.UNTESTED: 3})
    assert (untested.completion, untested.pass_rate) == (0.0, 0.0)


@pytest.mark.parametrize(("result", "status"), list(product(RunResult, CaseStatus)))
def test_drives_workflow_moves_only_the_legal_pairs(result: RunResult, status: CaseStatus) -> None:
    case = replace(TestCase.create(uuid4(), uuid4(), CaseFields("Pay"), NOW), status=status)
    assert workflow_target(result, status) == WORKFLOW_MOVES.get((result, status))
    moved = move_by_result(case, result, "Nightly 42", moved_by=case.id, change_id=uuid4(), now=LATER)
    if (result, status) not in WORKFLOW_MOVES:
        assert moved is None
        return
    assert moved is not None
    after, change = moved
    assert (after.status, after.version) == (WORKFLOW_MOVES[(result, status)], case.version + 1)
    assert (change.from_status, change.to_status) == (status, after.status)
    assert change.reason == f"run Nightly 42: {result}"


def test_selection_of_the_apis() -> None:
    group, case = uuid4(), uuid4()
    assert RunSelection.of() == RunSelection(all_cases=True)
    assert RunSelection.of(priorities=[Priority.HIGH]).all_cases
    chosen = RunSelection.of(group_ids=[group, group], case_ids=[case])
    assert (chosen.all_cases, chosen.group_ids, chosen.case_ids) == (False, (group,), (case,))
    assert RunSelection.of(group_ids=[]) == RunSelection.nothing()
    with pytest.raises(ValidationFailed):
        RunSelection(all_cases=True, group_ids=(group,))


def test_automation_key_on_a_case() -> None:
    case = TestCase.create(uuid4(), uuid4(), CaseFields("Pay"), NOW)
    keyed = case.with_automation_key("  checkout.test_pay.TestCard.test_visa ", LATER)
    assert (keyed.automation_key, keyed.version, keyed.updated_at) == ("checkout.test_pay.TestCard.test_visa", 2, LATER)
    assert keyed.with_automation_key("", LATER).automation_key is None
    assert len(case.with_automation_key("k" * 500, LATER).automation_key or "") == 500
    with pytest.raises(ValidationFailed) as caught:
        case.with_automation_key("k" * 501, LATER)
    assert caught.value.details[0].field == "automationKey"
