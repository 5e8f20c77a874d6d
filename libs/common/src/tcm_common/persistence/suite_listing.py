"""The suite list in one statement: the filtered total and one keyset page (newest first) together,
so both come from the same snapshot."""

from __future__ import annotations

from tcm_common.application.filters import SuiteFilter
from tcm_common.application.list_orders import SUITES_NEWEST_FIRST
from tcm_common.application.pagination import Page, PageRequest, page_from
from tcm_common.domain.suite import TestSuite
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.rows import SUITE_COLUMNS, suite_from

# Each filter is "parameter IS NULL OR condition", so one fixed statement serves every combination of
# filters (and is prepared once). $5 is the page size plus one, to see if more follow; $6/$7 the keyset
# position of the next pages.
_FILTERS = """
       ($1::text IS NULL OR s.status = $1)
   AND ($2::text IS NULL OR s.name ILIKE $2 OR s.description ILIKE $2)
   AND ($3::date IS NULL OR s.estimated_start_date >= $3)
   AND ($4::date IS NULL OR s.estimated_end_date <= $4)
"""


def _page_statement(position: str) -> str:
    """The total and one page, each its own scan: the page walks test_suites_created_at_id_idx (or the
    status one) newest first and stops after $5 rows; the total counts the suites matching (unfiltered:
    an index-only scan of every suite, docs/paging.md)."""
    return f"""
SELECT (SELECT count(*) FROM test_suites s WHERE {_FILTERS}) AS total_count, page.*
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
      SELECT {SUITE_COLUMNS}
        FROM test_suites s
       WHERE {_FILTERS}{position}
       ORDER BY s.created_at DESC, s.id DESC
       LIMIT $5
  ) AS page ON true
"""  # noqa: S608 - the column list and the filters are constants; every value is a parameter


# The first page and the next ones are different fixed statements (not "$n IS NULL OR ..."), so that the
# next pages' plan starts the index walk at the position.
SUITE_FIRST_PAGE = _page_statement("")
SUITE_NEXT_PAGE = _page_statement("\n         AND (s.created_at, s.id) < ($6::timestamptz, $7::uuid)")


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def page_of_suites(
    connection: DbConnection, suite_filter: SuiteFilter, request: PageRequest
) -> Page[TestSuite]:
    search = suite_filter.search_text
    after = request.position(SUITES_NEWEST_FIRST)
    rows = await connection.fetch(
        SUITE_FIRST_PAGE if after is None else SUITE_NEXT_PAGE,
        suite_filter.status.value if suite_filter.status is not None else None,
        _like_pattern(search) if search is not None else None,
        suite_filter.start_from,
        suite_filter.end_to,
        request.size + 1,
        *(after or ()),
    )
    return page_from(
        [suite_from(row) for row in rows if row["id"] is not None],
        request=request,
        keyset=SUITES_NEWEST_FIRST,
        # Filters are not the cursor's scope: a place in creation order stays one when they change.
        scope="",
        total_count=rows[0]["total_count"],
    )
