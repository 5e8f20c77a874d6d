"""The floor's two reads, each one statement that builds the whole JSON answer in PostgreSQL (json_agg),
computing what ours computes in Python from the same domain tables: completion quarters and weights as
CASE expressions, next statuses from the $constants jsonb parameter."""

from __future__ import annotations

import json

from tcm_bench.peers.python_reads import CASE_NEXT, RATE_QUARTERS, SUITE_NEXT, WEIGHTS

CONSTANTS = json.dumps({"case_next": CASE_NEXT, "suite_next": SUITE_NEXT})


def _lookup(column: str, values: dict[str, int]) -> str:
    """A CASE over the domain's (constant) names: cheaper per row than a jsonb lookup."""
    branches = " ".join(f"WHEN '{name}' THEN {value}" for name, value in values.items())
    return f"(CASE {column} {branches} END)"


_EARNED = f"{_lookup('c.status', RATE_QUARTERS)} * {_lookup('c.priority', WEIGHTS)}"
_WEIGHT = _lookup("c.priority", WEIGHTS)


def _progress(earned_quarters: str, weight: str) -> str:
    """Percent with one decimal (round() of a numeric rounds half away from zero: half up here)."""
    return f"coalesce(round(({earned_quarters}) * 25::numeric / nullif({weight}, 0), 1), 0)"


def _suite_fields(alias: str) -> str:
    return f"""
        'id', {alias}.id, 'name', {alias}.name, 'description', {alias}.description, 'status', {alias}.status,
        'allowedTransitions', k.c -> 'suite_next' -> {alias}.status,
        'estimatedStartDate', {alias}.estimated_start_date, 'estimatedEndDate', {alias}.estimated_end_date,
        'requireEffortComment', {alias}.require_effort_comment,
        'createdAt', {alias}.created_at, 'updatedAt', {alias}.updated_at, 'version', {alias}.version"""


# $1 suite id, $2 today (the organisation's date), $3 constants.
TREE = f"""
WITH constants AS (SELECT $3::jsonb AS c),
suite AS (SELECT s.* FROM test_suites s WHERE s.id = $1),
cases AS (
    SELECT c.id, c.group_id, c.created_at,
           {_EARNED} AS earned,
           {_WEIGHT} AS weight,
           json_build_object(
               'id', c.id, 'groupId', c.group_id, 'title', c.title, 'description', c.description,
               'status', c.status, 'allowedTransitions', k.c -> 'case_next' -> c.status,
               'priority', c.priority, 'plannedEffort', c.planned_effort,
               'actualEffort', coalesce((SELECT sum(e.hours) FROM effort_records e WHERE e.case_id = c.id), 0),
               'isDelayed', d.days > 0, 'delayDays', d.days,
               'createdAt', c.created_at, 'updatedAt', c.updated_at, 'version', c.version
           ) AS body
      FROM suite
      JOIN test_groups g ON g.suite_id = suite.id
      JOIN test_cases c ON c.group_id = g.id
      CROSS JOIN constants k
      CROSS JOIN LATERAL (
          SELECT CASE WHEN c.status <> 'COMPLETED' AND suite.estimated_end_date < $2::date
                      THEN $2::date - suite.estimated_end_date ELSE 0 END AS days
      ) d
),
groups AS (
    SELECT g.display_order, coalesce(sum(x.earned), 0) AS earned, coalesce(sum(x.weight), 0) AS weight,
           count(x.id) AS cases,
           json_build_object(
               'id', g.id, 'suiteId', g.suite_id, 'name', g.name, 'description', g.description,
               'displayOrder', g.display_order, 'progress', {_progress("sum(x.earned)", "sum(x.weight)")},
               'caseCount', count(x.id), 'createdAt', g.created_at, 'updatedAt', g.updated_at,
               'version', g.version,
               'cases', coalesce(json_agg(x.body ORDER BY x.created_at, x.id) FILTER (WHERE x.id IS NOT NULL),
                                 '[]'::json)
           ) AS body
      FROM suite JOIN test_groups g ON g.suite_id = suite.id LEFT JOIN cases x ON x.group_id = g.id
     GROUP BY g.id
)
SELECT json_build_object({_suite_fields("s")},
    'progress', {_progress("(SELECT sum(earned) FROM groups)", "(SELECT sum(weight) FROM groups)")},
    'groupCount', (SELECT count(*) FROM groups),
    'caseCount', (SELECT coalesce(sum(cases), 0) FROM groups),
    'groups', coalesce((SELECT json_agg(body ORDER BY display_order) FROM groups), '[]'::json)
)::text
  FROM suite s CROSS JOIN constants k
"""  # noqa: S608 - built from constants only; every value is a parameter

# $1 page size, $2 constants. Newest first; the window counts every suite before the LIMIT.
PAGE = f"""
WITH constants AS (SELECT $2::jsonb AS c),
page AS (
    SELECT s.*, count(*) OVER () AS total_count
      FROM test_suites s ORDER BY s.created_at DESC, s.id DESC LIMIT $1
),
tallies AS (
    SELECT g.suite_id, count(DISTINCT g.id) AS group_count, count(c.id) AS case_count,
           sum({_EARNED}) AS earned,
           sum({_WEIGHT}) AS weight
      FROM page
      JOIN test_groups g ON g.suite_id = page.id
      LEFT JOIN test_cases c ON c.group_id = g.id
     GROUP BY g.suite_id
)
SELECT json_build_object(
    'items', coalesce(json_agg(json_build_object({_suite_fields("p")},
        'progress', {_progress("t.earned", "t.weight")},
        'groupCount', coalesce(t.group_count, 0), 'caseCount', coalesce(t.case_count, 0)
    ) ORDER BY p.created_at DESC, p.id DESC), '[]'::json),
    'nextCursor', CASE WHEN max(p.total_count) > count(p.id) THEN
        encode(convert_to((array_agg(p.created_at::text || '|' || p.id ORDER BY p.created_at, p.id))[1], 'UTF8'),
               'base64') END,
    'totalCount', coalesce(max(p.total_count), 0)
)::text
  FROM page p LEFT JOIN tallies t ON t.suite_id = p.id CROSS JOIN constants k
"""  # noqa: S608 - built from constants only; every value is a parameter
