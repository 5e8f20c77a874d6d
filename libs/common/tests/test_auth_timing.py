import statistics
import time
from datetime import timedelta

import asyncpg
import pytest

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.login_throttle import ThrottleLimit, ThrottlePolicy
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.testing import auth_services_for_tests, create_user, unique_username
from tcm_common.auth.wiring import AuthServices
from tcm_common.domain.errors import Unauthenticated

ROUNDS = 15
# Throttling would end the measurement early; it is not what this test is about.
NO_THROTTLE = ThrottlePolicy(
    per_username=ThrottleLimit(
        max_failures=10_000, window=timedelta(minutes=1), lockout=timedelta(seconds=1)
    ),
    per_address=ThrottleLimit(max_failures=10_000, window=timedelta(minutes=1), lockout=timedelta(seconds=1)),
)


async def _failed_login_seconds(auth: AuthServices, username: str) -> float:
    started = time.perf_counter()
    with pytest.raises(Unauthenticated):
        await auth.sessions.login(username, "not the password, surely", client=ClientInfo())
    return time.perf_counter() - started


async def _hash_seconds(hasher: PasswordHasher) -> float:
    started = time.perf_counter()
    await hasher.verify(None, "x")
    return time.perf_counter() - started


async def test_unknown_user_and_wrong_password_take_the_same_time(migrated_pool: asyncpg.Pool) -> None:
    # The production parameters: the point is that the hash dominates both paths.
    hasher = PasswordHasher()
    auth = auth_services_for_tests(migrated_pool, hasher=hasher, throttle_policy=NO_THROTTLE)
    user = await create_user(migrated_pool, hasher)
    unknown, wrong, hashes = [], [], []
    await _failed_login_seconds(auth, user.username)  # warm-up: connections, thread pool
    for _ in range(ROUNDS):
        # Interleaved, so that drifts of the machine's load hit both series alike.
        unknown.append(await _failed_login_seconds(auth, unique_username("nobody")))
        wrong.append(await _failed_login_seconds(auth, user.username))
        hashes.append(await _hash_seconds(hasher))
    one_hash = min(hashes)  # the fastest: load on the machine only ever adds
    difference = abs(statistics.median(unknown) - statistics.median(wrong))
    noise = max(statistics.stdev(unknown), statistics.stdev(wrong))
    summary = f"unknown {unknown}, wrong {wrong}, hash {one_hash:.4f}s, difference {difference:.4f}s"
    # An unknown user costs a full hash (no early exit) ...
    assert min(unknown) > 0.5 * one_hash, summary
    # ... and the two medians differ by less than the run-to-run noise of the hash (or 5% of it).
    assert difference < max(noise, 0.05 * one_hash), summary
