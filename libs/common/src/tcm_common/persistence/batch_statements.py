"""The SQL of the batch reads; each takes the ids as one uuid[] parameter."""

from __future__ import annotations

from tcm_common.persistence.rows import (
    CASE_COLUMNS,
    EFFORT_COLUMNS,
    GROUP_COLUMNS,
    STATUS_CHANGE_COLUMNS,
    SUITE_COLUMNS,
    USER_COLUMNS,
)

# The column lists are constants, so building the text is not an injection risk.
GROUPS_SELECT = f"SELECT {GROUP_COLUMNS} FROM test_groups g"  # noqa: S608
CASES_SELECT = f"SELECT {CASE_COLUMNS} FROM test_cases c"  # noqa: S608

SUITES_BY_ID = f"SELECT {SUITE_COLUMNS} FROM test_suites s WHERE s.id = ANY($1::uuid[])"  # noqa: S608
GROUPS_BY_ID = GROUPS_SELECT + " WHERE g.id = ANY($1::uuid[])"
CASES_BY_ID = CASES_SELECT + " WHERE c.id = ANY($1::uuid[])"
USERS_BY_ID = f"SELECT {USER_COLUMNS} FROM users u WHERE u.id = ANY($1::uuid[])"  # noqa: S608
USER_REFS_BY_ID = "SELECT u.id, u.username FROM users u WHERE u.id = ANY($1::uuid[])"

GROUPS_FOR_SUITES = GROUPS_SELECT + " WHERE g.suite_id = ANY($1::uuid[]) ORDER BY g.suite_id, g.display_order"
CASES_FOR_GROUPS = (
    CASES_SELECT + " WHERE c.group_id = ANY($1::uuid[]) ORDER BY c.group_id, c.created_at, c.id"
)
# The same, each case with its actual effort: the whole tree of a suite reads its cases once.
CASES_WITH_EFFORT_FOR_GROUPS = f"""
SELECT {CASE_COLUMNS},
       (SELECT coalesce(sum(e.hours), 0) FROM effort_records e WHERE e.case_id = c.id) AS actual_effort
  FROM test_cases c
 WHERE c.group_id = ANY($1::uuid[]) ORDER BY c.group_id, c.created_at, c.id
"""  # noqa: S608
# The same with what a case view needs besides: the suite's end date, which delays are counted to.
CASE_VIEWS_FOR_GROUPS = f"""
SELECT {CASE_COLUMNS}, s.estimated_end_date,
       (SELECT coalesce(sum(e.hours), 0) FROM effort_records e WHERE e.case_id = c.id) AS actual_effort
  FROM test_cases c
  JOIN test_groups g ON g.id = c.group_id
  JOIN test_suites s ON s.id = g.suite_id
 WHERE c.group_id = ANY($1::uuid[]) ORDER BY c.group_id, c.created_at, c.id
"""  # noqa: S608
# Each case's history oldest first, its efforts by work date then recording, as the repositories list them.
HISTORY_FOR_CASES = f"""
SELECT {STATUS_CHANGE_COLUMNS} FROM status_changes h
 WHERE h.case_id = ANY($1::uuid[]) ORDER BY h.case_id, h.changed_at, h.id
"""
EFFORTS_FOR_CASES = f"""
SELECT {EFFORT_COLUMNS} FROM effort_records e
 WHERE e.case_id = ANY($1::uuid[]) ORDER BY e.case_id, e.work_date, e.created_at, e.id
"""

# Tallies of cases per (status, priority) feed the one progress formula of the domain; the rows with a
# NULL status carry each suite's number of groups.
SUITE_TALLIES = """
SELECT g.suite_id AS owner_id, c.status, c.priority, count(*) AS n
  FROM test_groups g JOIN test_cases c ON c.group_id = g.id
 WHERE g.suite_id = ANY($1::uuid[])
 GROUP BY g.suite_id, c.status, c.priority
UNION ALL
SELECT g.suite_id, NULL, NULL, count(*)
  FROM test_groups g
 WHERE g.suite_id = ANY($1::uuid[])
 GROUP BY g.suite_id
"""

GROUP_TALLIES = """
SELECT c.group_id AS owner_id, c.status, c.priority, count(*) AS n
  FROM test_cases c
 WHERE c.group_id = ANY($1::uuid[])
 GROUP BY c.group_id, c.status, c.priority
"""

CASE_FACTS = """
SELECT c.id, c.status, s.estimated_end_date,
       (SELECT coalesce(sum(e.hours), 0) FROM effort_records e WHERE e.case_id = c.id) AS actual_effort
  FROM test_cases c
  JOIN test_groups g ON g.id = c.group_id
  JOIN test_suites s ON s.id = g.suite_id
 WHERE c.id = ANY($1::uuid[])
"""
