from collections.abc import AsyncIterator

import asyncpg
import pytest

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.demo_users import DEMO_PASSWORD, DemoUsersRefusedError, seed_demo_users
from tcm_common.auth.initial_admin import create_initial_admin
from tcm_common.auth.password_policy import password_problems
from tcm_common.auth.testing import auth_services_for_tests, isolated_pool
from tcm_common.domain.errors import Conflict, ValidationFailed
from tcm_common.domain.principal import Role
from tcm_common.persistence.auth.storage import PostgresAuthStorage, PostgresAuthStores
from tcm_common.settings import Environment


@pytest.fixture
async def pool() -> AsyncIterator[asyncpg.Pool]:
    async with isolated_pool() as pool:
        yield pool


async def test_the_demo_users_are_seeded_once_and_sign_in_with_password(pool: asyncpg.Pool) -> None:
    auth = auth_services_for_tests(pool)
    async with pool.acquire() as db:
        assert await seed_demo_users(PostgresAuthStores(db), auth.password_hasher, Environment.DEVELOPMENT) == [
            "demo_user",
            "demo_manager",
            "demo_tester",
        ]
        assert await seed_demo_users(PostgresAuthStores(db), auth.password_hasher, Environment.DEVELOPMENT) == []
    roles = {}
    for username in ("demo_user", "demo_manager", "demo_tester"):
        session = await auth.sessions.login(username, DEMO_PASSWORD, client=ClientInfo())
        roles[username] = session.principal.role
    assert roles == {"demo_user": Role.ADMIN, "demo_manager": Role.MANAGER, "demo_tester": Role.TESTER}


async def test_demo_users_are_never_created_in_production(pool: asyncpg.Pool) -> None:
    auth = auth_services_for_tests(pool)
    async with pool.acquire() as db:
        with pytest.raises(DemoUsersRefusedError):
            await seed_demo_users(PostgresAuthStores(db), auth.password_hasher, Environment.PRODUCTION)
        assert await db.fetchval("SELECT count(*) FROM users") == 0


def test_the_demo_password_is_refused_by_the_policy_everywhere_else() -> None:
    assert password_problems(DEMO_PASSWORD, "anyone")


async def test_the_initial_admin_is_created_once(pool: asyncpg.Pool) -> None:
    auth = auth_services_for_tests(pool)
    storage = PostgresAuthStorage(pool)
    with pytest.raises(ValidationFailed):
        await create_initial_admin(storage, auth.password_hasher, username="root", password=DEMO_PASSWORD)
    admin = await create_initial_admin(
        storage, auth.password_hasher, username=" Root ", password="a proper passphrase"
    )
    assert (admin.username, admin.role) == ("root", Role.ADMIN)
    with pytest.raises(Conflict, match="an Admin exists"):
        await create_initial_admin(storage, auth.password_hasher, username="second", password="a proper passphrase")
    await auth.sessions.login("root", "a proper passphrase", client=ClientInfo())
