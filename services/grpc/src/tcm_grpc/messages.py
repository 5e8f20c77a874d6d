"""testsuite.v1 messages of the read models of libs/common (entities with their computed values)."""

from __future__ import annotations

from tcm_common.application.read_models import CaseView, EffortEntry, GroupView, HistoryEntry, SuiteTree, SuiteView
from tcm_contracts.generated.testsuite import v1
from tcm_grpc.conversions import date_message, proto_enum


def suite_message(view: SuiteView) -> v1.TestSuite:
    suite = view.suite
    return v1.TestSuite(
        id=str(suite.id),
        version=suite.version,
        name=suite.name,
        description=suite.description,
        status=proto_enum(suite.status, v1.TestSuiteStatus),
        estimated_start_date=date_message(suite.estimated_start_date),
        estimated_end_date=date_message(suite.estimated_end_date),
        require_effort_comment=suite.require_effort_comment,
        created_at=suite.created_at,
        updated_at=suite.updated_at,
        progress=view.progress,
        group_count=view.group_count,
        case_count=view.case_count,
    )


def group_message(view: GroupView) -> v1.TestGroup:
    group = view.group
    return v1.TestGroup(
        id=str(group.id),
        version=group.version,
        suite_id=str(group.suite_id),
        name=group.name,
        description=group.description,
        display_order=group.display_order,
        created_at=group.created_at,
        updated_at=group.updated_at,
        progress=view.progress,
        case_count=view.case_count,
    )


def case_message(view: CaseView) -> v1.TestCase:
    case = view.case
    return v1.TestCase(
        id=str(case.id),
        version=case.version,
        group_id=str(case.group_id),
        title=case.title,
        description=case.description,
        status=proto_enum(case.status, v1.TestCaseStatus),
        priority=proto_enum(case.priority, v1.TestCasePriority),
        planned_effort=float(case.planned_effort) if case.planned_effort is not None else None,
        actual_effort=float(view.actual_effort),
        is_delayed=view.is_delayed,
        delay_days=view.delay_days,
        created_at=case.created_at,
        updated_at=case.updated_at,
    )


def tree_groups(tree: SuiteTree, *, include_cases: bool) -> list[v1.TestGroupWithCases]:
    """The groups of an already loaded suite tree."""
    return [
        v1.TestGroupWithCases(
            test_group=group_message(branch.view),
            test_cases=[case_message(case) for case in branch.cases] if include_cases else [],
        )
        for branch in tree.groups
    ]


def status_change_message(entry: HistoryEntry) -> v1.StatusChange:
    change = entry.change
    return v1.StatusChange(
        id=str(change.id),
        case_id=str(change.case_id),
        from_status=proto_enum(change.from_status, v1.TestCaseStatus),
        to_status=proto_enum(change.to_status, v1.TestCaseStatus),
        changed_by_user_id=str(change.changed_by),
        changed_by_username=entry.changed_by.username if entry.changed_by else "",
        changed_at=change.changed_at,
        reason=change.reason,
    )


def effort_message(entry: EffortEntry) -> v1.EffortRecord:
    record = entry.record
    return v1.EffortRecord(
        id=str(record.id),
        case_id=str(record.case_id),
        date=date_message(record.work_date),
        hours=float(record.hours),
        comment=record.comment,
        recorded_by_user_id=str(record.recorded_by),
        recorded_by_username=entry.recorded_by.username if entry.recorded_by else "",
        created_at=record.created_at,
    )
