from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import asyncpg
import httpx
import pytest
from rest_actors import Actor, api_token_of_a_new_admin, new_actor
from rest_api import Api
from rest_server import serving

from tcm_common.auth.login_throttle import BackoffLimit, ThrottleLimit, ThrottlePolicy
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.testing import auth_settings_for_tests, fast_password_hasher
from tcm_common.domain.principal import Role
from tcm_common.settings import DatabaseSettings, Environment, Settings, TelemetrySettings
from tcm_common.testing.clock import service_clock
from tcm_common.testing.fixtures import *  # noqa: F403
from tcm_common.testing.migrated import *  # noqa: F403
from tcm_common.web.runtime import open_runtime
from tcm_rest.app import create_app

# Every test client calls from 127.0.0.1: a per-address lockout would end the session's other logins.
# The pair's backoff starts with a long delay, so that a test sees the lock whatever its pace.
THROTTLE_POLICY = ThrottlePolicy(
    per_pair=BackoffLimit(
        free_failures=ThrottlePolicy().per_pair.free_failures,
        first_delay=timedelta(minutes=10),
        max_delay=timedelta(minutes=15),
        window=timedelta(minutes=15),
    ),
    per_address=ThrottleLimit(max_failures=100_000, window=timedelta(minutes=15), lockout=timedelta(minutes=15)),
)


@pytest.fixture(scope="session")
def hasher() -> PasswordHasher:
    return fast_password_hasher()


@pytest.fixture(scope="session")
def rest_settings(database_url: str) -> Settings:
    return Settings(
        environment=Environment.TEST,
        database=DatabaseSettings(dsn=database_url),
        auth=auth_settings_for_tests(),
        telemetry=TelemetrySettings(),
    )


@pytest.fixture(scope="session")
def rest_url(migrated_pool: asyncpg.Pool, rest_settings: Settings, hasher: PasswordHasher) -> Iterator[str]:  # noqa: ARG001 requested for its side effect
    app = create_app(
        Environment.TEST,
        opener=lambda: open_runtime(
            rest_settings,
            password_hasher=hasher,
            throttle_policy=THROTTLE_POLICY,
            clock=service_clock(rest_settings.time_zone),
        ),
    )
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
async def client(rest_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=rest_url, timeout=30) as session_client:
        yield session_client


@pytest.fixture(scope="session")
async def actors(client: httpx.AsyncClient, migrated_pool: asyncpg.Pool, hasher: PasswordHasher) -> dict[Role, Actor]:
    """One signed-in user per role, shared by every test that does not change users."""
    return {role: await new_actor(client, migrated_pool, hasher, role) for role in Role}


@pytest.fixture
def manager_api(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> Api:
    return Api(client, actors[Role.MANAGER].bearer)


@pytest.fixture(scope="session")
def fuzzer(rest_url: str, actors: dict[Role, Actor]) -> dict[str, str]:
    """The headers of the schemathesis runs: a personal API token of their own Admin."""
    return {"Authorization": f"Bearer {api_token_of_a_new_admin(rest_url, actors[Role.ADMIN])}"}
