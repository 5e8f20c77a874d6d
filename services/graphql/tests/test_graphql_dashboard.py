"""The dashboard over HTTP, from a service on a database of its own (the dashboard counts every suite)."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import asyncpg
import pytest
from graphql_harness import Browser, browser, error_codes, running_service, settings_on

from tcm_common.auth.testing import create_user, fast_password_hasher
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.testing.clock import FIXED_TODAY
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database

TODAY = FIXED_TODAY  # the service's clock (graphql_harness)
DASHBOARD = "{ dashboard { suitesByStatus { status count } overallProgress caseCount delayedCaseCount } }"


@dataclass
class OwnService:
    url: str
    manager: User
    tester: User


@pytest.fixture
async def own_service() -> AsyncIterator[OwnService]:
    async with throwaway_database(await admin_url()) as database_url:
        pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
        try:
            async with pool.acquire() as connection:
                await apply_migrations(connection)
            manager = await create_user(pool, fast_password_hasher(), role=Role.MANAGER)
            tester = await create_user(pool, fast_password_hasher(), role=Role.TESTER)
            async with running_service(settings_on(database_url)) as url:
                yield OwnService(url, manager, tester)
        finally:
            await pool.close()


async def _created(client: Browser, mutation: str, values: dict[str, Any]) -> str:
    """The id of what `createX(input: CreateXInput!)` created."""
    input_type = mutation[0].upper() + mutation[1:] + "Input"
    data = await client.data(f"mutation($i: {input_type}!) {{ {mutation}(input: $i) {{ id }} }}", {"i": values})
    identifier: str = data[mutation]["id"]
    return identifier


async def _suite_with_cases(client: Browser, days_to_end: int, *priorities: str) -> tuple[str, list[str]]:
    """The new suite's id and those of its cases, one per priority given."""
    end = TODAY + timedelta(days=days_to_end)
    window = {"estimatedStartDate": str(end - timedelta(days=10)), "estimatedEndDate": str(end)}
    suite = await _created(client, "createTestSuite", {"name": f"Ends in {days_to_end} days", **window})
    if not priorities:
        return suite, []
    group = await _created(client, "createTestGroup", {"suiteId": suite, "name": "Checks"})
    cases = [
        await _created(client, "createTestCase", {"groupId": group, "title": priority, "priority": priority})
        for priority in priorities
    ]
    return suite, cases


async def test_the_dashboard_counts_every_suite_and_case(own_service: OwnService) -> None:
    async with browser(own_service.url) as manager, browser(own_service.url) as tester:
        await manager.login(own_service.manager.username)
        await tester.login(own_service.tester.username)
        empty = await tester.data(DASHBOARD)
        assert empty["dashboard"] == {
            "suitesByStatus": [
                {"status": status, "count": 0} for status in ("PREPARATION", "IN_PROGRESS", "COMPLETED", "SUSPENDED")
            ],
            "overallProgress": 0.0,
            "caseCount": 0,
            "delayedCaseCount": 0,
        }

        late_suite, (late_critical, late_low) = await _suite_with_cases(manager, -1, "CRITICAL", "LOW")
        await _suite_with_cases(manager, 10, "HIGH")
        await _suite_with_cases(manager, 10)
        await manager.data(
            "mutation($id: ID!) { changeTestSuiteStatus(id: $id, version: 1, status: IN_PROGRESS) { id } }",
            {"id": late_suite},
        )
        await tester.data(
            "mutation($id: ID!) { changeTestCaseStatus(id: $id, version: 1, status: TESTING) { id } }",
            {"id": late_low},
        )

        dashboard = (await tester.data(DASHBOARD))["dashboard"]
        delays = await tester.data(
            "query($a: ID!, $b: ID!) { a: testCase(id: $a) { isDelayed } b: testCase(id: $b) { isDelayed } }",
            {"a": late_critical, "b": late_low},
        )

    assert dashboard["suitesByStatus"] == [
        {"status": "PREPARATION", "count": 2},
        {"status": "IN_PROGRESS", "count": 1},
        {"status": "COMPLETED", "count": 0},
        {"status": "SUSPENDED", "count": 0},
    ]
    # CRITICAL created (4 x 0), LOW testing (1 x 0.25), HIGH created (3 x 0): 0.25 / 8 = 3.125 %.
    assert dashboard["overallProgress"] == 3.1
    assert dashboard["caseCount"] == 3
    # The two unfinished cases of the suite that ended yesterday, as each case says itself.
    assert delays == {"a": {"isDelayed": True}, "b": {"isDelayed": True}}
    assert dashboard["delayedCaseCount"] == 2


async def test_the_dashboard_is_for_signed_in_callers(own_service: OwnService) -> None:
    async with browser(own_service.url) as anonymous:
        refused = await anonymous.post(DASHBOARD)
    assert error_codes(refused) == ["UNAUTHENTICATED"]
