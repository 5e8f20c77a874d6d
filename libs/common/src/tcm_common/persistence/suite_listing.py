"""The suite list in one statement: the filtered total and one keyset page (newest first) together,
so both come from the same snapshot."""

from __future__ import annotations

from tcm_common.application.filters import SuiteFilter
from tcm_common.application.list_orders import SUITES_NEWEST_FIRST
from tcm_common.application.pagination import Page, PageRequest, page_from
from tcm_common.domain.suite import TestSuite
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.rows import SUITE_COLUMNS, suite_from

# Each filter is "parameter IS NULL OR condition", so one fixed statement serves every combination
# (and is prepared once). $6/$7 are the keyset position, $8 the page size plus one to see if more follow.
SUITE_PAGE = f"""
WITH matching AS (
    SELECT {SUITE_COLUMNS}
      FROM test_suites s
     WHERE ($1::text IS NULL OR s.status = $1)
       AND ($2::text IS NULL OR s.name ILIKE $2 OR s.description ILIKE $2)
       AND ($3::date IS NULL OR s.estimated_start_date >= $3)
       AND ($4::date IS NULL OR s.estimated_end_date <= $4)
)
SELECT total.n AS total_count, page.*
  FROM (SELECT count(*) AS n FROM matching) AS total
  LEFT JOIN LATERAL (
      SELECT * FROM matching m
       WHERE $5::boolean OR (m.created_at, m.id) < ($6::timestamptz, $7::uuid)
       ORDER BY m.created_at DESC, m.id DESC
       LIMIT $8
  ) AS page ON true
"""  # noqa: S608 - the column list is a constant; every value is a parameter


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def page_of_suites(
    connection: DbConnection, suite_filter: SuiteFilter, request: PageRequest
) -> Page[TestSuite]:
    search = suite_filter.search_text
    after = request.position(SUITES_NEWEST_FIRST)
    rows = await connection.fetch(
        SUITE_PAGE,
        suite_filter.status.value if suite_filter.status is not None else None,
        _like_pattern(search) if search is not None else None,
        suite_filter.start_from,
        suite_filter.end_to,
        after is None,
        after[0] if after is not None else None,
        after[1] if after is not None else None,
        request.size + 1,
    )
    return page_from(
        [suite_from(row) for row in rows if row["id"] is not None],
        request=request,
        keyset=SUITES_NEWEST_FIRST,
        # Filters are not the cursor's scope: a place in creation order stays one when they change.
        scope="",
        total_count=rows[0]["total_count"],
    )
