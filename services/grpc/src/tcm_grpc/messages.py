"""testsuite.v1 messages of domain entities, with the computed values the read models carry."""

from __future__ import annotations

from tcm_common.application.read_models import CaseFacts, GroupStats, SuiteStats
from tcm_common.domain.case import TestCase
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.group import TestGroup
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.suite import TestSuite
from tcm_contracts.generated.testsuite import v1
from tcm_grpc.conversions import date_message, proto_enum


def suite_message(suite: TestSuite, stats: SuiteStats) -> v1.TestSuite:
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
        progress=stats.progress,
        group_count=stats.group_count,
        case_count=stats.case_count,
    )


def group_message(group: TestGroup, stats: GroupStats) -> v1.TestGroup:
    return v1.TestGroup(
        id=str(group.id),
        version=group.version,
        suite_id=str(group.suite_id),
        name=group.name,
        description=group.description,
        display_order=group.display_order,
        created_at=group.created_at,
        updated_at=group.updated_at,
        progress=stats.progress,
        case_count=stats.case_count,
    )


def case_message(case: TestCase, facts: CaseFacts) -> v1.TestCase:
    return v1.TestCase(
        id=str(case.id),
        version=case.version,
        group_id=str(case.group_id),
        title=case.title,
        description=case.description,
        status=proto_enum(case.status, v1.TestCaseStatus),
        priority=proto_enum(case.priority, v1.TestCasePriority),
        planned_effort=float(case.planned_effort) if case.planned_effort is not None else None,
        actual_effort=float(facts.actual_effort),
        is_delayed=facts.is_delayed,
        delay_days=facts.delay_days,
        created_at=case.created_at,
        updated_at=case.updated_at,
    )


def status_change_message(change: StatusChange) -> v1.StatusChange:
    return v1.StatusChange(
        id=str(change.id),
        case_id=str(change.case_id),
        from_status=proto_enum(change.from_status, v1.TestCaseStatus),
        to_status=proto_enum(change.to_status, v1.TestCaseStatus),
        changed_by_user_id=str(change.changed_by),
        changed_at=change.changed_at,
        reason=change.reason,
    )


def effort_message(record: EffortRecord) -> v1.EffortRecord:
    return v1.EffortRecord(
        id=str(record.id),
        case_id=str(record.case_id),
        date=date_message(record.work_date),
        hours=float(record.hours),
        comment=record.comment,
        recorded_by_user_id=str(record.recorded_by),
        created_at=record.created_at,
    )
