"""The same scenario over REST and over GraphQL (a separate process) ends in the same database state."""

import secrets
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from rest_actors import BROWSER, login, set_cookies
from rest_cross_graphql_driver import GraphqlDriver
from rest_cross_rest_driver import RestDriver
from rest_cross_scenario import play
from rest_cross_state import suite_state
from rest_graphql_process import graphql_command
from rest_process import service_environment

from tcm_common.auth.cookies import ACCESS_COOKIE
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.testing import TEST_PASSWORD, create_user, unique_username
from tcm_common.domain.principal import Role
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.service_process import answers_http, free_port, service_process
from tcm_common.testing.throwaway_database import throwaway_database

LOGIN = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }"


@pytest.fixture
async def second_database() -> AsyncIterator[str]:
    """The GraphQL service's own database, so that each protocol's state stands alone."""
    async with throwaway_database(await admin_url()) as url:
        await apply_migrations(url)
        yield url


async def _graphql_bearer(client: httpx.AsyncClient, username: str) -> dict[str, str]:
    response = await client.post(
        "/graphql", json={"query": LOGIN, "variables": {"u": username, "p": TEST_PASSWORD}}, headers=BROWSER
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {set_cookies(response)[ACCESS_COOKIE]}"}


async def test_the_same_scenario_over_rest_and_over_graphql_leaves_the_same_state(
    client: httpx.AsyncClient, migrated_pool: asyncpg.Pool, hasher: PasswordHasher, second_database: str
) -> None:
    manager, tester = unique_username("xp_manager"), unique_username("xp_tester")
    suite_name = f"cross-protocol {secrets.token_hex(4)}"
    graphql_pool = await asyncpg.create_pool(second_database, min_size=1, max_size=2)
    try:
        for pool in (migrated_pool, graphql_pool):
            await create_user(pool, hasher, role=Role.MANAGER, username=manager)
            await create_user(pool, hasher, role=Role.TESTER, username=tester)

        rest_manager, rest_tester = await login(client, manager), await login(client, tester)
        await play(RestDriver(client, rest_manager.bearer), RestDriver(client, rest_tester.bearer), suite_name)

        port = free_port()
        command, extra = graphql_command()
        environment = {**service_environment(second_database, port), **extra}
        url = f"http://127.0.0.1:{port}"
        with service_process(command, environment, lambda: answers_http(f"{url}/health")):
            async with httpx.AsyncClient(base_url=url, timeout=30) as graphql:
                manager_driver = GraphqlDriver(graphql, await _graphql_bearer(graphql, manager))
                tester_driver = GraphqlDriver(graphql, await _graphql_bearer(graphql, tester))
                await play(manager_driver, tester_driver, suite_name)

        over_rest = await suite_state(migrated_pool, suite_name)
        over_graphql = await suite_state(graphql_pool, suite_name)
    finally:
        await graphql_pool.close()

    assert over_graphql == over_rest
    assert [group["name"] for group in over_rest["groups"]] == ["Accounts", "Billing and invoices"]
    [sign_in] = [case for case in over_rest["groups"][0]["cases"] if case["title"] == "Sign in with SSO"]
    assert [change["to_status"] for change in sign_in["history"]] == ["TESTING", "FIXING"]
    assert len(sign_in["efforts"]) == 1
