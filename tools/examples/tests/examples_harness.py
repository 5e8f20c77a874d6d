"""Test support of the example clients: users with API tokens, and a suite to gate on, made over gRPC."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

import asyncpg

from tcm_common.auth.testing import create_user, fast_password_hasher, issue_api_token
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_common.testing.clock import FIXED_TODAY
from tcm_contracts.client import Clients
from tcm_contracts.generated.testsuite import v1

TIMEOUT = 10.0


@dataclass(frozen=True)
class TokenHolder:
    user: User
    token: str = field(repr=False)


async def token_holder(pool: asyncpg.Pool, role: Role) -> TokenHolder:
    """A new user with a personal API token, valid for a day."""
    user = await create_user(pool, fast_password_hasher(), role=role)
    async with pool.acquire() as db:
        token = await issue_api_token(db, user.id, name=f"examples {secrets.token_hex(3)}")
    return TokenHolder(user, token)


async def suite_with_open_cases(clients: Clients, *titles: str) -> str:
    """A new suite with one group holding a case per title, all CREATED (progress 0); its id."""
    today = FIXED_TODAY  # the service's clock (conftest)
    start = v1.Date(year=today.year, month=today.month, day=today.day)
    created = await clients.suites.create_test_suite(
        v1.CreateTestSuiteRequest(
            name=f"release {secrets.token_hex(3)}", estimated_start_date=start, estimated_end_date=start
        ),
        timeout=TIMEOUT,
    )
    assert created.test_suite is not None
    group = await clients.groups.create_test_group(
        v1.CreateTestGroupRequest(suite_id=created.test_suite.id, name="checkout"), timeout=TIMEOUT
    )
    assert group.test_group is not None
    for title in titles:
        await clients.cases.create_test_case(
            v1.CreateTestCaseRequest(group_id=group.test_group.id, title=title), timeout=TIMEOUT
        )
    return created.test_suite.id
