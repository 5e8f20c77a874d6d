"""Every paged list and the order it pages in (docs/paging.md): the key a cursor holds."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from tcm_common.application.pagination import Keyset
from tcm_common.application.run_views import RunView
from tcm_common.domain.case import TestCase
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.group import TestGroup
from tcm_common.domain.run import TestRun
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.user import User

SUITES_NEWEST_FIRST: Keyset[TestSuite] = Keyset(
    "suites", (datetime, UUID), lambda suite: (suite.created_at, suite.id)
)
# A suite's display orders are unique, so the order alone is the key.
GROUPS_IN_DISPLAY_ORDER: Keyset[TestGroup] = Keyset("groups", (int,), lambda group: (group.display_order,))
CASES_OLDEST_FIRST: Keyset[TestCase] = Keyset("cases", (datetime, UUID), lambda case: (case.created_at, case.id))
HISTORY_OLDEST_FIRST: Keyset[StatusChange] = Keyset(
    "history", (datetime, UUID), lambda change: (change.changed_at, change.id)
)
EFFORTS_OLDEST_FIRST: Keyset[EffortRecord] = Keyset(
    "efforts", (date, datetime, UUID), lambda record: (record.work_date, record.created_at, record.id)
)
EFFORTS_NEWEST_FIRST: Keyset[EffortRecord] = Keyset(
    "efforts-newest", EFFORTS_OLDEST_FIRST.types, EFFORTS_OLDEST_FIRST.key_of
)
# Usernames are stored in lower case and unique (users_username_lower_key).
USERS_BY_NAME: Keyset[User] = Keyset("users", (str,), lambda user: (user.username,))
# A suite's test runs (test_runs_suite_id_created_at_idx).
RUNS_NEWEST_FIRST: Keyset[TestRun] = Keyset("runs", (datetime, UUID), lambda run: (run.created_at, run.id))
# The cursor of a run's view is the cursor of its run.
RUN_VIEWS_NEWEST_FIRST: Keyset[RunView] = Keyset(
    RUNS_NEWEST_FIRST.kind, RUNS_NEWEST_FIRST.types, lambda view: RUNS_NEWEST_FIRST.key_of(view.run)
)
