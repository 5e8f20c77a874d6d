from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import pytest

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.login_throttle import ThrottleLimit, ThrottlePolicy
from tcm_common.auth.sessions import INVALID_CREDENTIALS
from tcm_common.auth.testing import (
    TEST_PASSWORD,
    auth_services_for_tests,
    auth_settings_for_tests,
    create_user,
    fast_password_hasher,
    unique_username,
)
from tcm_common.auth.wiring import AuthServices
from tcm_common.domain.errors import RateLimited, Unauthenticated

POLICY = ThrottlePolicy(
    per_username=ThrottleLimit(max_failures=3, window=timedelta(minutes=15), lockout=timedelta(minutes=10)),
    per_address=ThrottleLimit(max_failures=5, window=timedelta(minutes=15), lockout=timedelta(minutes=20)),
)
WRONG = "this is not the password"


@pytest.fixture(scope="module")
async def second_pool(database_url: str, migrated_pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Pool]:
    # Another "service instance": its own pool, sharing only the database with the first.
    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
    try:
        yield pool
    finally:
        await pool.close()


@pytest.fixture(scope="module")
def instances(migrated_pool: asyncpg.Pool, second_pool: asyncpg.Pool) -> tuple[AuthServices, AuthServices]:
    settings = auth_settings_for_tests()
    hasher = fast_password_hasher()
    return (
        auth_services_for_tests(migrated_pool, auth=settings, hasher=hasher, throttle_policy=POLICY),
        auth_services_for_tests(second_pool, auth=settings, hasher=hasher, throttle_policy=POLICY),
    )


async def _fail(auth: AuthServices, username: str, client: ClientInfo) -> None:
    with pytest.raises(Unauthenticated) as refused:
        await auth.sessions.login(username, WRONG, client=client)
    assert refused.value.message == INVALID_CREDENTIALS


async def test_failures_on_two_instances_add_up_to_a_username_lockout(
    instances: tuple[AuthServices, AuthServices], migrated_pool: asyncpg.Pool
) -> None:
    first, second = instances
    user = await create_user(migrated_pool, first.password_hasher)
    await _fail(first, user.username, ClientInfo(address="10.1.0.1"))
    await _fail(second, user.username, ClientInfo(address="10.1.0.2"))
    await _fail(first, user.username, ClientInfo(address="10.1.0.3"))
    for instance in (first, second):
        # Even the right password is refused now, from any address, on either instance.
        with pytest.raises(RateLimited) as limited:
            await instance.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo(address="10.1.0.4"))
        assert 590 <= limited.value.retry_after_seconds <= 600


async def test_failures_from_one_address_across_usernames_lock_that_address(
    instances: tuple[AuthServices, AuthServices], migrated_pool: asyncpg.Pool
) -> None:
    first, second = instances
    client = ClientInfo(address="10.2.0.1")
    for index in range(5):
        await _fail((first, second)[index % 2], unique_username("guess"), client)
    user = await create_user(migrated_pool, first.password_hasher)
    with pytest.raises(RateLimited) as limited:
        await second.sessions.login(user.username, TEST_PASSWORD, client=client)
    assert 1190 <= limited.value.retry_after_seconds <= 1200
    # The same user from another address is not affected.
    await first.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo(address="10.2.0.2"))


async def test_unknown_usernames_are_throttled_like_real_ones(
    instances: tuple[AuthServices, AuthServices],
) -> None:
    first, second = instances
    ghost = unique_username("ghost")
    for instance in (first, second, first):
        await _fail(instance, ghost, ClientInfo())
    with pytest.raises(RateLimited):
        await second.sessions.login(ghost, WRONG, client=ClientInfo())


async def test_a_successful_login_resets_the_username_count(
    instances: tuple[AuthServices, AuthServices], migrated_pool: asyncpg.Pool
) -> None:
    first, second = instances
    user = await create_user(migrated_pool, first.password_hasher)
    await _fail(first, user.username, ClientInfo())
    await _fail(second, user.username, ClientInfo())
    await first.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo())
    await _fail(second, user.username, ClientInfo())
    await _fail(first, user.username, ClientInfo())
    await second.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo())


async def test_a_lockout_ends_after_its_time_with_a_fresh_count(
    instances: tuple[AuthServices, AuthServices], migrated_pool: asyncpg.Pool
) -> None:
    first, _ = instances
    user = await create_user(migrated_pool, first.password_hasher)
    for _ in range(3):
        await _fail(first, user.username, ClientInfo())
    async with migrated_pool.acquire() as db:
        await db.execute(
            "UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE subject = $1",
            user.username,
        )
    await _fail(first, user.username, ClientInfo())
    await first.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo())


async def test_failures_outside_the_window_are_forgotten(
    instances: tuple[AuthServices, AuthServices], migrated_pool: asyncpg.Pool
) -> None:
    first, _ = instances
    user = await create_user(migrated_pool, first.password_hasher)
    await _fail(first, user.username, ClientInfo())
    await _fail(first, user.username, ClientInfo())
    async with migrated_pool.acquire() as db:
        await db.execute(
            "UPDATE login_throttle SET window_started_at = now() - interval '16 minutes' WHERE subject = $1",
            user.username,
        )
    await _fail(first, user.username, ClientInfo())
    await first.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo())


async def test_every_attempt_is_recorded_with_address_and_user_agent(
    instances: tuple[AuthServices, AuthServices], migrated_pool: asyncpg.Pool
) -> None:
    first, second = instances
    user = await create_user(migrated_pool, first.password_hasher)
    client = ClientInfo(address="10.3.0.1", user_agent="curl/8")
    await first.sessions.login(user.username, TEST_PASSWORD, client=client)
    for instance in (first, second, first):
        await _fail(instance, user.username, client)
    with pytest.raises(RateLimited):
        await second.sessions.login(user.username, TEST_PASSWORD, client=client)
    async with migrated_pool.acquire() as db:
        rows = await db.fetch(
            "SELECT outcome, client_address, user_agent FROM login_attempts WHERE username = $1 ORDER BY id",
            user.username,
        )
    assert [row["outcome"] for row in rows] == ["SUCCEEDED", "FAILED", "FAILED", "FAILED", "THROTTLED"]
    assert {(row["client_address"], row["user_agent"]) for row in rows} == {("10.3.0.1", "curl/8")}


async def test_oversized_client_details_are_stored_bounded(
    instances: tuple[AuthServices, AuthServices], migrated_pool: asyncpg.Pool
) -> None:
    first, _ = instances
    name = unique_username("long")
    await _fail(first, name + "x" * 500, ClientInfo(address="1" * 500, user_agent="A" * 5000))
    async with migrated_pool.acquire() as db:
        row = await db.fetchrow(
            "SELECT username, client_address, user_agent FROM login_attempts WHERE username LIKE $1",
            name + "%",
        )
    assert row is not None
    assert (len(row["username"]), len(row["client_address"]), len(row["user_agent"])) == (100, 64, 512)
