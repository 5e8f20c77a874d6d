"""What a run holds in the database, by automation key: each entry's result and its result records. For
tests that check that concurrent writers lost no result and wrote none twice (docs/domain-runs.md: a
report adds at most one record per entry; the entry's result is its latest record)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

import asyncpg

_ENTRIES = """
SELECT k.automation_key, e.result, e.result_at FROM run_entries e
  JOIN case_automation_keys k ON k.case_id = e.case_id
 WHERE e.run_id = $1
"""
_RECORDS = """
SELECT k.automation_key, x.result, x.report_id, x.recorded_at FROM result_records x
  JOIN case_automation_keys k ON k.case_id = x.case_id
 WHERE x.run_id = $1 ORDER BY x.recorded_at, x.id
"""
_UNKEYED = """
SELECT count(*) FROM run_entries e
 WHERE e.run_id = $1 AND NOT EXISTS (SELECT 1 FROM case_automation_keys k WHERE k.case_id = e.case_id)
"""


@dataclass(frozen=True, slots=True)
class StoredRecord:
    result: str
    report_id: str | None
    recorded_at: datetime


@dataclass(slots=True)
class StoredEntry:
    result: str
    result_at: datetime | None
    records: list[StoredRecord] = field(default_factory=list)  # oldest first

    def report_ids(self) -> list[str | None]:
        """One per record, in the order they were recorded: a report named twice shows twice."""
        return [record.report_id for record in self.records]

    def holds_its_latest_record(self) -> bool:
        if not self.records:
            return self.result == "UNTESTED" and self.result_at is None
        latest = max(self.records, key=lambda record: record.recorded_at)
        return (self.result, self.result_at) == (latest.result, latest.recorded_at)


async def stored_entries(pool: asyncpg.Pool, run_id: UUID | str) -> dict[str, StoredEntry]:
    """The run's entries by their case's automation key; every entry must belong to a keyed case."""
    run = UUID(str(run_id))
    async with pool.acquire() as connection:
        unkeyed = await connection.fetchval(_UNKEYED, run)
        if unkeyed:
            raise AssertionError(f"{unkeyed} entries of run {run} have no automation key")
        entries = {
            row["automation_key"]: StoredEntry(row["result"], row["result_at"])
            for row in await connection.fetch(_ENTRIES, run)
        }
        for row in await connection.fetch(_RECORDS, run):
            entries[row["automation_key"]].records.append(
                StoredRecord(row["result"], row["report_id"], row["recorded_at"])
            )
    return entries
