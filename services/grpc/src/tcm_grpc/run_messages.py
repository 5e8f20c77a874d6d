"""testsuite.v1 messages of the run read models of libs/common (runs with their figures, entries,
result records, import reports)."""

from __future__ import annotations

from tcm_common.application.read_models import UserRef
from tcm_common.application.run_views import EntryView, ImportReport, ResultView, RunView
from tcm_common.domain.run_result import RunResult
from tcm_contracts.generated.testsuite import v1
from tcm_grpc.conversions import proto_enum


def user_reference(user: UserRef | None) -> v1.UserReference | None:
    return None if user is None else v1.UserReference(id=str(user.id), username=user.username)


def result_counts(counts: dict[RunResult, int]) -> list[v1.RunResultCount]:
    return [v1.RunResultCount(result=proto_enum(result, v1.RunResult), count=count) for result, count in counts.items()]


def run_message(view: RunView) -> v1.TestRun:
    run = view.run
    return v1.TestRun(
        id=str(run.id),
        version=run.version,
        suite_id=str(run.suite_id),
        name=run.name,
        description=run.description,
        label=run.label,
        status=proto_enum(run.status, v1.TestRunStatus),
        drives_workflow=run.drives_workflow,
        created_by=user_reference(view.created_by),
        created_at=run.created_at,
        updated_at=run.updated_at,
        started_at=run.started_at,
        completed_at=run.completed_at,
        counts=result_counts(view.counts),
        entry_count=view.entry_count,
        completion=view.completion,
        pass_rate=view.pass_rate,
        allowed_transitions=[proto_enum(status, v1.TestRunStatus) for status in view.allowed_transitions],
    )


def entry_message(view: EntryView) -> v1.RunEntry:
    entry = view.entry
    return v1.RunEntry(
        id=str(entry.id),
        run_id=str(entry.run_id),
        case_id=str(entry.case_id),
        position=entry.position,
        title=entry.title,
        priority=proto_enum(entry.priority, v1.TestCasePriority),
        assignee=user_reference(view.assignee),
        result=proto_enum(entry.result, v1.RunResult),
        result_at=entry.result_at,
    )


def result_message(view: ResultView) -> v1.ResultRecord:
    record = view.record
    return v1.ResultRecord(
        id=str(record.id),
        run_id=str(record.run_id),
        case_id=str(record.case_id),
        result=proto_enum(record.result, v1.RunResult),
        comment=record.comment,
        duration_ms=record.duration_ms,
        recorded_by=user_reference(view.recorded_by),
        recorded_at=record.recorded_at,
        source=proto_enum(record.source, v1.ResultSource),
        external_id=record.external_id,
    )


def import_report_message(report: ImportReport) -> v1.ReportResultsResponse:
    return v1.ReportResultsResponse(
        test_run=run_message(report.run),
        recorded=result_counts(report.recorded),
        recorded_total=report.recorded_total,
        already_recorded=report.already_recorded,
        matched=report.matched,
        created=report.created,
        added=report.added,
        unmatched_keys=list(report.unmatched_keys),
        unmatched_case_ids=[str(case_id) for case_id in report.unmatched_case_ids],
    )
