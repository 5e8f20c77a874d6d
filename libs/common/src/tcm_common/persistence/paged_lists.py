"""The SQL of every list paged under a parent: its rows, its parent column and its keyset order (the
orders themselves are in tcm_common.application.list_orders; each has the index named beside it)."""

from __future__ import annotations

from tcm_common.application.list_orders import (
    CASES_OLDEST_FIRST,
    EFFORTS_NEWEST_FIRST,
    EFFORTS_OLDEST_FIRST,
    GROUPS_IN_DISPLAY_ORDER,
    HISTORY_OLDEST_FIRST,
    RUN_VIEWS_NEWEST_FIRST,
)
from tcm_common.application.run_views import RunView
from tcm_common.domain.case import TestCase
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.group import TestGroup
from tcm_common.domain.status_change import StatusChange
from tcm_common.persistence.keyset import KeysetList
from tcm_common.persistence.rows import CASE_COLUMNS, EFFORT_COLUMNS, GROUP_COLUMNS, STATUS_CHANGE_COLUMNS
from tcm_common.persistence.run_rows import RUN_COLUMNS

# test_groups_suite_order_key (suite_id, display_order)
GROUPS: KeysetList[TestGroup] = KeysetList(
    GROUPS_IN_DISPLAY_ORDER,
    columns=GROUP_COLUMNS,
    source="test_groups g",
    parent="g.suite_id",
    order=("g.display_order",),
)
# test_cases_group_id_created_at_idx (group_id, created_at, id); $2 keeps one status, or any when NULL.
CASES: KeysetList[TestCase] = KeysetList(
    CASES_OLDEST_FIRST,
    columns=CASE_COLUMNS,
    source="test_cases c",
    parent="c.group_id",
    order=("c.created_at", "c.id"),
    condition=" AND ($2::text IS NULL OR c.status = $2)",
)
# status_changes_case_id_changed_at_idx (case_id, changed_at, id)
HISTORY: KeysetList[StatusChange] = KeysetList(
    HISTORY_OLDEST_FIRST,
    columns=STATUS_CHANGE_COLUMNS,
    source="status_changes h",
    parent="h.case_id",
    order=("h.changed_at", "h.id"),
)
# effort_records_case_id_work_date_idx (case_id, work_date, created_at, id), read forwards or backwards.
EFFORTS: KeysetList[EffortRecord] = KeysetList(
    EFFORTS_OLDEST_FIRST,
    columns=EFFORT_COLUMNS,
    source="effort_records e",
    parent="e.case_id",
    order=("e.work_date", "e.created_at", "e.id"),
)
EFFORTS_BACKWARDS: KeysetList[EffortRecord] = KeysetList(
    EFFORTS_NEWEST_FIRST,
    columns=EFFORT_COLUMNS,
    source="effort_records e",
    parent="e.case_id",
    order=("e.work_date", "e.created_at", "e.id"),
    descending=True,
)
# test_runs_suite_id_created_at_idx (suite_id, created_at DESC, id DESC); $2 keeps one status, or any when
# NULL. The views come without figures (persistence.runs_repository.with_figures adds them).
_RUN_CREATOR = "(SELECT u.username FROM users u WHERE u.id = r.created_by) AS created_by_username"
RUNS: KeysetList[RunView] = KeysetList(
    RUN_VIEWS_NEWEST_FIRST,
    columns=f"{RUN_COLUMNS}, {_RUN_CREATOR}",
    source="test_runs r",
    parent="r.suite_id",
    order=("r.created_at", "r.id"),
    condition=" AND ($2::text IS NULL OR r.status = $2)",
    descending=True,
)
