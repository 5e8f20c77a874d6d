"""Result records: appended in one statement whatever their number (arrays through unnest), each
entry then set to its latest result in a second one. A report's second record for an entry is skipped
by the unique index on (run_id, case_id, report_id), which makes re-imports idempotent."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from tcm_common.application.run_views import ResultView
from tcm_common.domain.run_result import ResultRecord
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.run_rows import RESULT_COLUMNS, result_view_from
from tcm_common.persistence.writes import parent_must_exist

_INSERT = """
INSERT INTO result_records (id, run_id, case_id, result, comment, duration_ms, recorded_by, recorded_at,
                            source, external_id, report_id)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::uuid[],
                     $8::timestamptz[], $9::text[], $10::text[], $11::text[])
    ON CONFLICT (run_id, case_id, report_id) WHERE report_id IS NOT NULL DO NOTHING
RETURNING id
"""
# The latest record sets the entry: a record older than the entry's result (a slower writer) does not.
_SET_ENTRIES = """
UPDATE run_entries e SET result = x.result, result_at = x.recorded_at
  FROM unnest($2::uuid[], $3::text[], $4::timestamptz[]) AS x(case_id, result, recorded_at)
 WHERE e.run_id = $1 AND e.case_id = x.case_id AND (e.result_at IS NULL OR e.result_at <= x.recorded_at)
"""
_LIST = f"""
SELECT {RESULT_COLUMNS} FROM result_records x LEFT JOIN users u ON u.id = x.recorded_by
 WHERE x.run_id = $1 AND x.case_id = $2 ORDER BY x.recorded_at, x.id
"""  # - constant column list


class PostgresResultRepository:
    def __init__(self, connection: DbConnection) -> None:
        self._connection = connection

    async def add(self, records: Sequence[ResultRecord]) -> list[ResultRecord]:
        if not records:
            return []
        run_ids = {record.run_id for record in records}
        if len(run_ids) != 1:
            raise ValueError("the records of one call belong to one run")
        [run_id] = run_ids
        async with parent_must_exist("result_records_entry_fkey", "run entry of test run", run_id):
            rows = await self._connection.fetch(
                _INSERT,
                [r.id for r in records],
                [r.run_id for r in records],
                [r.case_id for r in records],
                [r.result.value for r in records],
                [r.comment for r in records],
                [r.duration_ms for r in records],
                [r.recorded_by for r in records],
                [r.recorded_at for r in records],
                [r.source.value for r in records],
                [r.external_id for r in records],
                [r.report_id for r in records],
            )
        inserted = {row["id"] for row in rows}
        written = [record for record in records if record.id in inserted]
        if written:
            await self._connection.execute(
                _SET_ENTRIES,
                run_id,
                [r.case_id for r in written],
                [r.result.value for r in written],
                [r.recorded_at for r in written],
            )
        return written

    async def list_for_entry(self, run_id: UUID, case_id: UUID) -> list[ResultView]:
        return [result_view_from(row) for row in await self._connection.fetch(_LIST, run_id, case_id)]
