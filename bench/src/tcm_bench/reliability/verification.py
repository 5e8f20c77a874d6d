"""After the load: every acknowledged write is in the database, at the version it was acknowledged with."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import asyncpg

from tcm_bench.reliability.protocols import CaseSeen


@dataclass(frozen=True, slots=True)
class Verification:
    cases_checked: int
    lost: list[str]  # one line per case whose last acknowledged write is not what the database holds


async def verify_acknowledged(database_url: str, acknowledged: dict[UUID, CaseSeen]) -> Verification:
    connection = await asyncpg.connect(database_url)
    try:
        rows = await connection.fetch(
            "SELECT id, version, title FROM test_cases WHERE id = ANY($1::uuid[])", list(acknowledged)
        )
    finally:
        await connection.close()
    stored = {row["id"]: CaseSeen(row["version"], row["title"]) for row in rows}
    lost = [
        f"case {case_id}: acknowledged {seen}, stored {stored.get(case_id)}"
        for case_id, seen in acknowledged.items()
        if stored.get(case_id) != seen
    ]
    return Verification(cases_checked=len(acknowledged), lost=lost)
