from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from web_harness import opener_for, web_app, web_client

from tcm_common.web.runtime import ServiceRuntime


@pytest.mark.usefixtures("migrated_pool")
async def test_health_and_ready_answer_when_the_database_does(database_url: str) -> None:
    async with web_client(web_app(opener_for(database_url))) as client:
        health = await client.get("/health")
        ready = await client.get("/ready")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (200, {"status": "ready"})


@pytest.mark.usefixtures("migrated_pool")
async def test_ready_fails_while_health_still_answers_when_the_database_is_gone(
    database_url: str
) -> None:
    @asynccontextmanager
    async def database_lost() -> AsyncIterator[ServiceRuntime]:
        async with opener_for(database_url)() as runtime:
            await runtime.platform.pool.close()
            yield runtime

    async with web_client(web_app(database_lost)) as client:
        health = await client.get("/health")
        ready = await client.get("/ready")
    assert health.status_code == 200
    assert (ready.status_code, ready.json()) == (503, {"status": "unavailable", "reason": "database"})
