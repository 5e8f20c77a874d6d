"""Helpers for tests of this package and of the services: keys, a fast hasher, settings, users.

Never used by production code: the fast hasher's parameters are far too weak for real passwords.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from uuid import UUID

import asyncpg

from tcm_common.auth.keys import SigningKeyPair, generate_signing_key_pair
from tcm_common.auth.login_throttle import ThrottlePolicy
from tcm_common.auth.opaque_tokens import digest, display_prefix, new_api_token
from tcm_common.auth.password_hashing import Argon2Parameters, PasswordHasher
from tcm_common.auth.wiring import AuthServices, build_auth_services
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_common.persistence.auth.storage import PostgresAuthStores
from tcm_common.persistence.connection_types import DbConnection
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.settings import (
    AuthSettings,
    DatabaseSettings,
    Environment,
    Secret,
    Settings,
    TelemetrySettings,
)
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.throwaway_database import throwaway_database

FAST_PARAMETERS = Argon2Parameters(time_cost=1, memory_cost_kib=1024, parallelism=1)
TEST_KEY_ID = "test-key"
TEST_ORIGIN = "https://tcm.example.test"
TEST_PASSWORD = "correct horse battery staple"  # noqa: S105 - test users only


def fast_password_hasher() -> PasswordHasher:
    return PasswordHasher(FAST_PARAMETERS)


def auth_settings_for_tests(
    pair: SigningKeyPair | None = None, *, key_id: str = TEST_KEY_ID, refresh_grace_seconds: int = 0
) -> AuthSettings:
    """A fresh key pair (or `pair`) under `key_id`, and TEST_ORIGIN as the one allowed origin.

    No refresh grace unless asked for: a test replaying a rotated token at once means a reuse.
    """
    pair = pair or generate_signing_key_pair()
    return AuthSettings(
        public_keys={key_id: pair.public_pem},
        private_key=Secret(pair.private_pem),
        private_key_id=key_id,
        allowed_origins=(TEST_ORIGIN,),
        refresh_grace_seconds=refresh_grace_seconds,
    )


def settings_for_tests(
    auth: AuthSettings | None = None, *, environment: Environment = Environment.TEST
) -> Settings:
    return Settings(
        environment=environment,
        # The pool is handed over separately; this DSN is never dialled.
        database=DatabaseSettings(dsn="postgresql://unused@127.0.0.1/unused"),
        auth=auth or auth_settings_for_tests(),
        telemetry=TelemetrySettings(),
    )


def auth_services_for_tests(
    pool: asyncpg.Pool,
    *,
    auth: AuthSettings | None = None,
    hasher: PasswordHasher | None = None,
    throttle_policy: ThrottlePolicy | None = None,
) -> AuthServices:
    return build_auth_services(
        settings_for_tests(auth),
        pool,
        password_hasher=hasher or fast_password_hasher(),
        throttle_policy=throttle_policy,
    )


def unique_username(prefix: str = "user") -> str:
    return f"{prefix}_{secrets.token_hex(5)}"


async def create_user(
    pool: asyncpg.Pool,
    hasher: PasswordHasher,
    *,
    role: Role = Role.TESTER,
    username: str | None = None,
    password: str = TEST_PASSWORD,
) -> User:
    """Inserts a user directly (no Admin needed), for test set-up."""
    password_hash = await hasher.hash(password)
    async with pool.acquire() as db:
        return await PostgresAuthStores(db).users.insert_user(
            username=username or unique_username(role.value.lower()),
            role=role,
            password_hash=password_hash,
        )


async def issue_api_token(
    db: DbConnection, owner_id: UUID, *, name: str = "tests", lifetime: timedelta = timedelta(days=1)
) -> str:
    """An API token stored as the token service stores one (hashed, with its display prefix); its secret."""
    secret = new_api_token()
    await PostgresAuthStores(db).api_tokens.insert_api_token(
        owner_id=owner_id,
        name=name,
        token_hash=digest(secret),
        display_prefix=display_prefix(secret),
        expires_at=datetime.now(UTC) + lifetime,
    )
    return secret


@asynccontextmanager
async def isolated_pool() -> AsyncIterator[asyncpg.Pool]:
    """A pool on a fresh, migrated database of its own, for tests that count users across the table
    (the last Admin) or seed fixed usernames; dropped afterwards."""
    async with throwaway_database(await admin_url()) as url:
        await apply_migrations(url)
        pool = await asyncpg.create_pool(url, min_size=1, max_size=5)
        try:
            yield pool
        finally:
            await pool.close()
