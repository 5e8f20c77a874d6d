"""The client address behind 0, 1 or 2 proxies (TCM_TRUSTED_PROXY_HOPS), and login throttling per address
through a real app behind CloudFront and the ALB."""

import secrets
from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from web_harness import settings_on, web_app, web_client

from tcm_common.auth.login_throttle import ThrottleLimit, ThrottlePolicy
from tcm_common.auth.testing import TEST_ORIGIN, TEST_PASSWORD, create_user, fast_password_hasher, unique_username
from tcm_common.settings import HttpSettings
from tcm_common.web.client import forwarded_address
from tcm_common.web.runtime import RuntimeOpener, open_runtime

JSON_FROM_SITE = {"origin": TEST_ORIGIN, "content-type": "application/json"}
PEER = "10.0.0.7"  # the ALB, as the task sees it
EDGE = "130.176.0.1"  # a CloudFront edge, appended by the ALB
VIEWER = "203.0.113.9"  # the browser, appended by CloudFront
FORGED = "6.6.6.6"  # what the client put in X-Forwarded-For itself


@pytest.mark.parametrize(
    ("forwarded_for", "hops", "expected"),
    [
        # 0: nothing in front; the header is the client's own word and counts for nothing.
        (None, 0, PEER),
        (f"{FORGED}", 0, PEER),
        (f"{FORGED}, {VIEWER}", 0, PEER),
        # 1: the ALB (or the local edge) appends its peer; everything left of it is the client's.
        (None, 1, PEER),
        (f"{VIEWER}", 1, VIEWER),
        (f"{FORGED}, {VIEWER}", 1, VIEWER),
        (f"{FORGED}, {FORGED}, {VIEWER}", 1, VIEWER),
        # 2: CloudFront appends the viewer, then the ALB the edge; the viewer is second from the right.
        (None, 2, PEER),
        (f"{VIEWER}, {EDGE}", 2, VIEWER),
        (f"{FORGED}, {VIEWER}, {EDGE}", 2, VIEWER),
        (f"{FORGED}, {FORGED}, {VIEWER}, {EDGE}", 2, VIEWER),
        (f"{FORGED},{VIEWER} ,  {EDGE}", 2, VIEWER),
        # Fewer entries than proxies: a proxy was skipped; the leftmost is the best we know.
        (f"{VIEWER}", 2, VIEWER),
        (" , ", 2, PEER),
    ],
)
def test_only_the_trusted_tail_of_x_forwarded_for_counts(forwarded_for: str | None, hops: int, expected: str) -> None:
    assert forwarded_address(forwarded_for, PEER, hops) == expected


def test_one_hop_behind_cloudfront_would_take_the_edge_for_the_client() -> None:
    # Why the setting exists: with the default of 1, everybody behind one edge is one address.
    assert forwarded_address(f"{VIEWER}, {EDGE}", PEER, 1) == EDGE


POLICY = ThrottlePolicy(
    per_username=ThrottleLimit(max_failures=100, window=timedelta(minutes=15), lockout=timedelta(minutes=15)),
    per_address=ThrottleLimit(max_failures=3, window=timedelta(minutes=15), lockout=timedelta(minutes=15)),
)


def _opener(database_url: str, hops: int) -> RuntimeOpener:
    settings = msgspec.structs.replace(settings_on(database_url), http=HttpSettings(trusted_proxy_hops=hops))
    return lambda: open_runtime(settings, password_hasher=fast_password_hasher(), throttle_policy=POLICY)


async def _client(database_url: str, hops: int) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with web_client(web_app(_opener(database_url, hops))) as client:
        yield client


@pytest.fixture
async def behind_two(migrated_pool: asyncpg.Pool, database_url: str) -> AsyncIterator[AsyncTestClient[Litestar]]:  # noqa: ARG001 requested for its side effect
    async for client in _client(database_url, 2):
        yield client


@pytest.fixture
async def behind_one(migrated_pool: asyncpg.Pool, database_url: str) -> AsyncIterator[AsyncTestClient[Litestar]]:  # noqa: ARG001 requested for its side effect
    async for client in _client(database_url, 1):
        yield client


def _address() -> str:
    # A fresh documentation address each time: throttle rows outlive a test in the shared database.
    return "2001:db8:" + ":".join(secrets.token_hex(2) for _ in range(6))


def _distinct_addresses(count: int) -> list[str]:
    return [_address() for _ in range(count)]


async def _login(
    client: AsyncTestClient[Litestar], username: str, password: str, forwarded_for: str
) -> tuple[int, str | None]:
    response = await client.post(
        "/login",
        json={"username": username, "password": password},
        headers={**JSON_FROM_SITE, "x-forwarded-for": forwarded_for},
    )
    code = response.json().get("code") if response.status_code != 201 else None
    return response.status_code, code


async def test_client_info_trusts_the_configured_hops(behind_two: AsyncTestClient[Litestar]) -> None:
    response = await behind_two.post(
        "/client", json={}, headers={**JSON_FROM_SITE, "x-forwarded-for": f"{FORGED}, {VIEWER}, {EDGE}"}
    )
    assert response.json()["address"] == VIEWER


async def test_two_clients_behind_the_same_edge_are_throttled_separately(
    behind_two: AsyncTestClient[Litestar], migrated_pool: asyncpg.Pool
) -> None:
    edge, first, second = _distinct_addresses(3)
    # Failures of the first client, each with a forged leading entry of its choosing and a new username,
    # so that only the per-address limit can stop it.
    for _ in range(POLICY.per_address.max_failures):
        status, code = await _login(
            behind_two, unique_username("hops"), "wrong password", f"{_address()}, {first}, {edge}"
        )
        assert (status, code) == (401, "UNAUTHENTICATED")
    # The first client is locked out, whatever it forges in front...
    status, code = await _login(behind_two, unique_username("hops"), "wrong password", f"{_address()}, {first}, {edge}")
    assert code == "RATE_LIMITED"
    # ...even with its real password: the lock is checked before any password.
    user = await create_user(migrated_pool, fast_password_hasher())
    status, code = await _login(behind_two, user.username, TEST_PASSWORD, f"{first}, {edge}")
    assert code == "RATE_LIMITED"
    # The second client, behind the same edge and ALB, still logs in.
    status, code = await _login(behind_two, user.username, TEST_PASSWORD, f"{second}, {edge}")
    assert status == 201, code
    status, code = await _login(behind_two, unique_username("hops"), "wrong password", f"{second}, {edge}")
    assert (status, code) == (401, "UNAUTHENTICATED")


async def test_with_one_hop_the_edge_would_throttle_everybody_behind_it(
    behind_one: AsyncTestClient[Litestar], migrated_pool: asyncpg.Pool
) -> None:
    # The misconfiguration the setting prevents, shown through the same app: the edge is "the client".
    edge, first, second = _distinct_addresses(3)
    for _ in range(POLICY.per_address.max_failures):
        status, code = await _login(behind_one, unique_username("hops"), "wrong password", f"{first}, {edge}")
        assert (status, code) == (401, "UNAUTHENTICATED")
    user = await create_user(migrated_pool, fast_password_hasher())
    status, code = await _login(behind_one, user.username, TEST_PASSWORD, f"{second}, {edge}")
    assert code == "RATE_LIMITED"
