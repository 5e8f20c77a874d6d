"""Case status changes over REST at a fixed concurrency: the whole workflow (If-Match on the version,
the legal transition, the history row, the change notification), with the collisions a shared working
set brings. A 412 (stale version) is counted, the case is read again, and the caller moves on."""

from __future__ import annotations

import random
from dataclasses import replace
from uuid import UUID

import asyncpg

from tcm_bench.figures import RequestFailedError, WriteFigures
from tcm_bench.http_clients import RestCaller, http_client
from tcm_bench.load import run_requests
from tcm_bench.profile import Profile
from tcm_bench.seeding import CaseState, SeededData
from tcm_bench.services import RunningService
from tcm_common.domain.case_status import CASE_TRANSITIONS, CaseStatus

OPERATION = "POST /api/v1/test-cases/{id}/status"
VERSION_CONFLICT = "HTTP 412 version conflict"
ILLEGAL_TRANSITION = "HTTP 409 illegal transition"


async def _history_rows(database_url: str) -> int:
    connection = await asyncpg.connect(database_url)
    try:
        count: int = await connection.fetchval("SELECT count(*) FROM status_changes")
        return count
    finally:
        await connection.close()


async def status_change_throughput(
    service: RunningService, seeded: SeededData, profile: Profile, database_url: str
) -> WriteFigures:
    rng = random.Random(7)  # noqa: S311 - picks test cases, not secrets
    known: dict[UUID, CaseState] = {case.id: case for case in rng.sample(seeded.cases, profile.hot_cases)}
    hot = list(known)
    concurrency = profile.write_concurrency
    async with http_client(service.base_url, concurrency) as client:
        caller = RestCaller(client, seeded.api_token)

        async def refresh(case_id: UUID) -> None:
            response = await caller.get(f"/api/v1/test-cases/{case_id}")
            version = int(response.headers["etag"].strip('"'))
            known[case_id] = CaseState(case_id, CaseStatus(response.json()["status"]), version)

        async def change_status() -> None:
            case = known[rng.choice(hot)]
            target = rng.choice(sorted(CASE_TRANSITIONS[case.status]))
            response = await caller.post(
                f"/api/v1/test-cases/{case.id}/status",
                {"status": target.value, "reason": "benchmark"},
                {"if-match": f'"{case.version}"'},
            )
            if response.status_code == 200:
                known[case.id] = replace(case, status=target, version=int(response.headers["etag"].strip('"')))
                return
            if response.status_code in (409, 412):
                await refresh(case.id)
                raise RequestFailedError(VERSION_CONFLICT if response.status_code == 412 else ILLEGAL_TRANSITION)
            raise RequestFailedError(f"HTTP {response.status_code}", response.text[:200])

        await run_requests(change_status, concurrency, profile.writes.warmup_requests, None)
        before = await _history_rows(database_url)
        measurement = await run_requests(
            change_status, concurrency, profile.writes.max_requests, profile.writes.max_seconds
        )
        added = await _history_rows(database_url) - before
    return WriteFigures(
        protocol="REST",
        operation=OPERATION,
        concurrency=concurrency,
        measurement=measurement,
        attempts=measurement.completed + measurement.error_count,
        version_conflicts=measurement.errors.get(VERSION_CONFLICT, 0),
        illegal_transitions=measurement.errors.get(ILLEGAL_TRANSITION, 0),
        history_rows_added=added,
    )
