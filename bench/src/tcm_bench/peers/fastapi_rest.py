"""`python -m tcm_bench.peers.fastapi_rest`: the FastAPI + pydantic peer of our REST service. The two reads
of the benchmark, the same bearer API-token check, one pooled connection per request (a dependency), the
answer built as pydantic models (`python_reads` has the statements)."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from datetime import date, datetime
from typing import Annotated
from uuid import UUID

import asyncpg
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from tcm_bench.peers.http_serving import pool_in_state, serve_http
from tcm_bench.peers.python_reads import (
    CASE_NEXT,
    SUITE_NEXT,
    GroupRows,
    Tally,
    delay_days,
    read_page,
    read_tree,
)
from tcm_bench.peers.settings import peer_settings
from tcm_bench.peers.token_check import token_in_use
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.priority import Priority
from tcm_common.domain.suite_status import SuiteStatus

SETTINGS = peer_settings()
MAX_PAGE_SIZE = 100


class Representation(BaseModel):
    """camelCase on the wire, as ours answers."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class TestCase(Representation):
    id: UUID
    group_id: UUID
    title: str
    description: str | None
    status: CaseStatus
    allowed_transitions: list[CaseStatus]
    priority: Priority
    planned_effort: float | None
    actual_effort: float
    is_delayed: bool
    delay_days: int
    created_at: datetime
    updated_at: datetime
    version: int


class TestGroup(Representation):
    id: UUID
    suite_id: UUID
    name: str
    description: str | None
    display_order: int
    progress: float
    case_count: int
    created_at: datetime
    updated_at: datetime
    version: int
    cases: list[TestCase]


class TestSuite(Representation):
    id: UUID
    name: str
    description: str | None
    status: SuiteStatus
    allowed_transitions: list[SuiteStatus]
    estimated_start_date: date
    estimated_end_date: date
    require_effort_comment: bool
    progress: float
    group_count: int
    case_count: int
    created_at: datetime
    updated_at: datetime
    version: int


class TestSuiteTree(TestSuite):
    groups: list[TestGroup]


class TestSuitePage(Representation):
    items: list[TestSuite]
    next_cursor: str | None
    total_count: int


app = FastAPI(lifespan=pool_in_state, openapi_url=None, docs_url=None, redoc_url=None)


async def connection(request: Request) -> AsyncIterator[asyncpg.Connection]:
    async with request.app.state.pool.acquire() as db:
        yield db


Db = Annotated[asyncpg.Connection, Depends(connection)]


async def authorised(db: Db, authorization: Annotated[str | None, Header()] = None) -> None:
    if not await token_in_use(db, authorization):
        raise HTTPException(401, "unknown, expired or revoked API token", headers={"WWW-Authenticate": "Bearer"})


def _suite_fields(suite: asyncpg.Record, tally: Tally, group_count: int) -> dict[str, object]:
    return {
        **dict(suite),
        "allowed_transitions": SUITE_NEXT[suite["status"]],
        "progress": tally.progress,
        "group_count": group_count,
        "case_count": tally.cases,
    }


def _group(rows: GroupRows, suite_end: date, today: date) -> TestGroup:
    cases = [
        TestCase.model_validate(
            {
                **dict(case),
                "allowed_transitions": CASE_NEXT[case["status"]],
                "is_delayed": (delay := delay_days(case["status"], suite_end, today)) > 0,
                "delay_days": delay,
            }
        )
        for case in rows.cases
    ]
    fields = {**dict(rows.group), "progress": rows.tally.progress, "case_count": rows.tally.cases, "cases": cases}
    return TestGroup.model_validate(fields)


@app.get("/ready")
async def ready() -> dict[str, str]:
    return {"status": "ready"}


@app.get("/api/v1/test-suites/{suite_id}", dependencies=[Depends(authorised)])
async def get_suite(suite_id: UUID, db: Db, include: Annotated[str, Query()] = "") -> TestSuiteTree:
    if include != "groups.cases":
        raise HTTPException(400, "this peer answers only include=groups.cases")
    tree = await read_tree(db, suite_id)
    if tree is None:
        raise HTTPException(404, "test suite not found")
    today = SETTINGS.today()
    end = tree.suite["estimated_end_date"]
    groups = [_group(group, end, today) for group in tree.groups]
    return TestSuiteTree.model_validate({**_suite_fields(tree.suite, tree.tally, len(groups)), "groups": groups})


@app.get("/api/v1/test-suites", dependencies=[Depends(authorised)])
async def list_suites(db: Db, limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20) -> TestSuitePage:
    page = await read_page(db, limit)
    items = [
        TestSuite.model_validate(_suite_fields(suite, page.tallies[suite["id"]], page.group_counts[suite["id"]]))
        for suite in page.suites
    ]
    last = page.suites[-1] if page.suites else None
    more = last is not None and page.total_count > len(items)
    cursor = (
        base64.urlsafe_b64encode(f"{last['created_at'].isoformat()}|{last['id']}".encode()).decode()
        if more and last
        else None
    )
    return TestSuitePage(items=items, next_cursor=cursor, total_count=page.total_count)


if __name__ == "__main__":
    serve_http(app)
