from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import pytest

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.login_throttle import BackoffLimit, ThrottleLimit, ThrottlePolicy
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
async def second_pool(database_url: str, migrated_pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Pool]:  # noqa: ARG001 requested for its side effect
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
        assert 590 <= (limited.value.retry_after_seconds or 0) <= 600


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
    assert 1190 <= (limited.value.retry_after_seconds or 0) <= 1200
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


BACKOFF_POLICY = ThrottlePolicy(
    per_pair=BackoffLimit(
        free_failures=2,
        first_delay=timedelta(minutes=1),
        max_delay=timedelta(minutes=4),
        window=timedelta(hours=1),
    ),
    per_username=ThrottleLimit(max_failures=10, window=timedelta(minutes=15), lockout=timedelta(minutes=15)),
    per_address=ThrottleLimit(max_failures=50, window=timedelta(minutes=15), lockout=timedelta(minutes=15)),
)


@pytest.fixture(scope="module")
def backoff(migrated_pool: asyncpg.Pool) -> AuthServices:
    return auth_services_for_tests(migrated_pool, throttle_policy=BACKOFF_POLICY)


async def _unlock_pair(pool: asyncpg.Pool, username: str) -> None:
    """As if the pair's lock had run out (no waiting in tests)."""
    async with pool.acquire() as db:
        await db.execute(
            "UPDATE login_throttle SET locked_until = now() - interval '1 second' "
            "WHERE scope = 'PAIR' AND subject LIKE $1",
            username + "%",
        )


async def _retry_after(auth: AuthServices, username: str, client: ClientInfo) -> int:
    with pytest.raises(RateLimited) as limited:
        await auth.sessions.login(username, TEST_PASSWORD, client=client)
    seconds = limited.value.retry_after_seconds
    assert seconds is not None
    return seconds


async def test_failures_from_one_address_do_not_lock_the_user_out_elsewhere(
    backoff: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, backoff.password_hasher)
    attacker = ClientInfo(address="10.4.0.66")
    for _ in range(3):
        await _fail(backoff, user.username, attacker)
    # The attacker's address is slowed down on this username, even with the right password...
    assert 55 <= await _retry_after(backoff, user.username, attacker) <= 60
    # ...while the user signs in from their own address, again and again.
    for _ in range(2):
        await backoff.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo(address="10.4.0.7"))


async def test_the_pair_backoff_doubles_with_each_failure_up_to_its_cap(
    backoff: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, backoff.password_hasher)
    client = ClientInfo(address="10.5.0.1")
    await _fail(backoff, user.username, client)
    await _fail(backoff, user.username, client)
    delays = []
    for _ in range(4):
        await _fail(backoff, user.username, client)
        delays.append(await _retry_after(backoff, user.username, client))
        await _unlock_pair(migrated_pool, user.username)
    assert [round(delay / 60) for delay in delays] == [1, 2, 4, 4]
    # A success clears the pair: the next failure is free again.
    await backoff.sessions.login(user.username, TEST_PASSWORD, client=client)
    await _fail(backoff, user.username, client)
    await backoff.sessions.login(user.username, TEST_PASSWORD, client=client)


async def test_guessing_one_username_from_many_addresses_still_hits_the_username_ceiling(
    backoff: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    user = await create_user(migrated_pool, backoff.password_hasher)
    for index in range(10):
        await _fail(backoff, user.username, ClientInfo(address=f"10.6.{index}.1"))
    assert 890 <= await _retry_after(backoff, user.username, ClientInfo(address="10.6.99.1")) <= 900


async def test_spraying_many_usernames_from_one_address_still_hits_the_address_ceiling(
    migrated_pool: asyncpg.Pool,
) -> None:
    auth = auth_services_for_tests(migrated_pool, throttle_policy=POLICY)
    client = ClientInfo(address="10.7.0.1")
    for _ in range(5):
        await _fail(auth, unique_username("spray"), client)
    user = await create_user(migrated_pool, auth.password_hasher)
    assert 1190 <= await _retry_after(auth, user.username, client) <= 1200
    await auth.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo(address="10.7.0.2"))


def test_one_address_can_not_reach_the_default_username_ceiling_within_its_window() -> None:
    policy = ThrottlePolicy()
    pair = policy.per_pair
    failures, elapsed = 0, timedelta(0)
    while True:
        delay = pair.delay_after(failures + 1) or timedelta(0)
        if elapsed + delay > pair.window:
            break
        failures += 1
        elapsed += delay
    assert failures < policy.per_username.max_failures
    assert pair.window <= policy.per_username.window
