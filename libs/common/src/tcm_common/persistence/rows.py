"""Turns result rows into domain entities; the column lists every repository selects."""

from __future__ import annotations

from asyncpg import Record

from tcm_common.domain.case import TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.group import TestGroup
from tcm_common.domain.principal import Role
from tcm_common.domain.priority import Priority
from tcm_common.domain.progress import CaseTally
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.domain.user import User

SUITE_COLUMNS = (
    "s.id, s.name, s.description, s.status, s.estimated_start_date, s.estimated_end_date, "
    "s.require_effort_comment, s.created_at, s.updated_at, s.version"
)
GROUP_COLUMNS = (
    "g.id, g.suite_id, g.name, g.description, g.display_order, g.created_at, g.updated_at, g.version"
)
CASE_COLUMNS = (
    "c.id, c.group_id, c.title, c.description, c.status, c.priority, c.planned_effort, "
    "c.created_at, c.updated_at, c.version, "
    "(SELECT k.automation_key FROM case_automation_keys k WHERE k.case_id = c.id) AS automation_key"
)
# Statuses and priorities by their stored text: a dict lookup per row instead of an Enum call (a list
# reads thousands of rows; docs/decisions/0016). The columns' CHECK constraints allow no other value.
_CASE_STATUSES: dict[str, CaseStatus] = {member.value: member for member in CaseStatus}
_PRIORITIES: dict[str, Priority] = {member.value: member for member in Priority}

USER_COLUMNS = "u.id, u.username, u.role, u.disabled, u.created_at, u.last_login_at, u.version"
STATUS_CHANGE_COLUMNS = "h.id, h.case_id, h.from_status, h.to_status, h.reason, h.changed_by, h.changed_at"
EFFORT_COLUMNS = "e.id, e.case_id, e.work_date, e.hours, e.comment, e.recorded_by, e.created_at"


def suite_from(row: Record) -> TestSuite:
    return TestSuite(
        id=row["id"],
        name=row["name"],
        description=row["description"],
        status=SuiteStatus(row["status"]),
        estimated_start_date=row["estimated_start_date"],
        estimated_end_date=row["estimated_end_date"],
        require_effort_comment=row["require_effort_comment"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
    )


def group_from(row: Record) -> TestGroup:
    return TestGroup(
        id=row["id"],
        suite_id=row["suite_id"],
        name=row["name"],
        description=row["description"],
        display_order=row["display_order"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
    )


def case_from(row: Record) -> TestCase:
    return TestCase(
        id=row["id"],
        group_id=row["group_id"],
        title=row["title"],
        description=row["description"],
        status=_CASE_STATUSES[row["status"]],
        priority=_PRIORITIES[row["priority"]],
        planned_effort=row["planned_effort"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
        automation_key=row["automation_key"],
    )


def tally_from(row: Record) -> CaseTally:
    """A count of cases by status and priority (columns `status`, `priority`, `n`): every progress, of a
    suite, a group or the dashboard, is computed from these by the one formula of the domain."""
    return _CASE_STATUSES[row["status"]], _PRIORITIES[row["priority"]], row["n"]


def status_change_from(row: Record) -> StatusChange:
    return StatusChange(
        id=row["id"],
        case_id=row["case_id"],
        from_status=CaseStatus(row["from_status"]),
        to_status=CaseStatus(row["to_status"]),
        reason=row["reason"],
        changed_by=row["changed_by"],
        changed_at=row["changed_at"],
    )


def effort_from(row: Record) -> EffortRecord:
    return EffortRecord(
        id=row["id"],
        case_id=row["case_id"],
        work_date=row["work_date"],
        hours=row["hours"],
        comment=row["comment"],
        recorded_by=row["recorded_by"],
        created_at=row["created_at"],
    )


def user_from(row: Record) -> User:
    return User(
        id=row["id"],
        username=row["username"],
        role=Role(row["role"]),
        disabled=row["disabled"],
        created_at=row["created_at"],
        last_login_at=row["last_login_at"],
        version=row["version"],
    )
