"""Turns run rows into domain entities and views; the column lists the run repositories select."""

from __future__ import annotations

from asyncpg import Record

from tcm_common.application.read_models import UserRef
from tcm_common.application.run_views import EntryView, ResultView
from tcm_common.domain.priority import Priority
from tcm_common.domain.run import TestRun
from tcm_common.domain.run_entry import RunEntry
from tcm_common.domain.run_result import ResultRecord, ResultSource, RunResult
from tcm_common.domain.run_status import RunStatus

RUN_COLUMNS = (
    "r.id, r.suite_id, r.name, r.description, r.label, r.status, r.drives_workflow, r.created_by, "
    "r.created_at, r.updated_at, r.started_at, r.completed_at, r.version"
)
# With the assignee's username (u), for entry views.
ENTRY_COLUMNS = (
    "e.id, e.run_id, e.case_id, e.position, e.title, e.priority, e.assignee_id, e.result, e.result_at, "
    "u.username AS assignee_username"
)
# With the recorder's username (u), for result views.
RESULT_COLUMNS = (
    "x.id, x.run_id, x.case_id, x.result, x.comment, x.duration_ms, x.recorded_by, x.recorded_at, "
    "x.source, x.external_id, x.report_id, u.username AS recorded_by_username"
)


def run_from(row: Record) -> TestRun:
    return TestRun(
        id=row["id"],
        suite_id=row["suite_id"],
        name=row["name"],
        description=row["description"],
        label=row["label"],
        status=RunStatus(row["status"]),
        drives_workflow=row["drives_workflow"],
        created_by=row["created_by"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        started_at=row["started_at"],
        completed_at=row["completed_at"],
        version=row["version"],
    )


def entry_view_from(row: Record) -> EntryView:
    entry = RunEntry(
        id=row["id"],
        run_id=row["run_id"],
        case_id=row["case_id"],
        position=row["position"],
        title=row["title"],
        priority=Priority(row["priority"]),
        assignee_id=row["assignee_id"],
        result=RunResult(row["result"]),
        result_at=row["result_at"],
    )
    username = row["assignee_username"]
    assignee = UserRef(row["assignee_id"], username) if username is not None else None
    return EntryView(entry, assignee)


def result_view_from(row: Record) -> ResultView:
    record = ResultRecord(
        id=row["id"],
        run_id=row["run_id"],
        case_id=row["case_id"],
        result=RunResult(row["result"]),
        comment=row["comment"],
        duration_ms=row["duration_ms"],
        recorded_by=row["recorded_by"],
        recorded_at=row["recorded_at"],
        source=ResultSource(row["source"]),
        external_id=row["external_id"],
        report_id=row["report_id"],
    )
    username = row["recorded_by_username"]
    return ResultView(record, UserRef(record.recorded_by, username) if username is not None else None)
