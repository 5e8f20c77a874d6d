"""Test support of the reporter: users with API tokens, a suite made over gRPC, the reporter as a process."""

from __future__ import annotations

import asyncio
import os
import secrets
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

import asyncpg

from tcm_common.auth.testing import create_user, fast_password_hasher, issue_api_token
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_common.testing.clock import FIXED_TODAY
from tcm_common.testing.service_process import python311
from tcm_contracts.client import Clients
from tcm_contracts.generated.testsuite import v1

TIMEOUT = 10.0


@dataclass(frozen=True)
class TokenHolder:
    user: User
    token: str = field(repr=False)


@dataclass(frozen=True)
class Finished:
    exit_code: int
    out: str
    err: str


async def token_holder(pool: asyncpg.Pool, role: Role) -> TokenHolder:
    user = await create_user(pool, fast_password_hasher(), role=role)
    async with pool.acquire() as db:
        token = await issue_api_token(db, user.id, name=f"reporter {secrets.token_hex(3)}")
    return TokenHolder(user, token)


async def new_suite(clients: Clients) -> str:
    today = FIXED_TODAY  # the service's clock (conftest)
    day = v1.Date(year=today.year, month=today.month, day=today.day)
    created = await clients.suites.create_test_suite(
        v1.CreateTestSuiteRequest(name=f"ci {secrets.token_hex(3)}", estimated_start_date=day, estimated_end_date=day),
        timeout=TIMEOUT,
    )
    assert created.test_suite is not None
    return created.test_suite.id


async def run_reporter(args: Sequence[str], env: dict[str, str]) -> Finished:
    """`python -m tcm_reporter ARGS` with this test's import path and only the given TCM_* settings."""
    inherited = {name: value for name, value in os.environ.items() if not name.startswith(("TCM_", "OTEL_"))}
    process = await asyncio.create_subprocess_exec(
        python311(),
        "-m",
        "tcm_reporter",
        *args,
        env={**inherited, "PYTHONPATH": os.pathsep.join(sys.path), **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(120):
        out, err = await process.communicate()
    assert process.returncode is not None
    return Finished(process.returncode, out.decode(), err.decode())
