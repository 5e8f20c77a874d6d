"""Nothing in the auth package logs a password, a token or a hash: a whole scenario runs with every
logger at DEBUG, then every captured record (message, arguments, exception text) is searched."""

import logging
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.testing import TEST_PASSWORD, auth_services_for_tests, create_user, unique_username
from tcm_common.domain.errors import DomainError
from tcm_common.domain.principal import Principal, Role

NEW_PASSWORD = "an entirely new passphrase"
CLIENT = ClientInfo(address="192.0.2.99", user_agent="pytest")


def _record_texts(record: logging.LogRecord) -> list[str]:
    texts = [record.getMessage(), repr(record.args), record.exc_text or ""]
    if record.exc_info and record.exc_info[1] is not None:
        texts.append(repr(record.exc_info[1]))
    return texts


async def test_no_secret_reaches_any_log_record(
    migrated_pool: asyncpg.Pool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    auth = auth_services_for_tests(migrated_pool)
    admin_user = await create_user(migrated_pool, auth.password_hasher, role=Role.ADMIN)
    admin = Principal(user_id=admin_user.id, username=admin_user.username, role=Role.ADMIN)
    secrets: list[str] = [TEST_PASSWORD, NEW_PASSWORD]
    errors: list[DomainError] = []

    async def attempt(call: Awaitable[object]) -> None:
        try:
            await call
        except DomainError as error:
            errors.append(error)

    name = unique_username("logged")
    user = await auth.users.create_user(admin, username=name, password=TEST_PASSWORD, role=Role.TESTER)
    await attempt(auth.sessions.login(name, "wrong but secret password", client=CLIENT))
    secrets.append("wrong but secret password")
    session = await auth.sessions.login(name, TEST_PASSWORD, client=CLIENT)
    secrets += [session.access_token, session.refresh_token]
    authentication = await auth.authenticator.authenticate(authorization=f"Bearer {session.access_token}")
    refreshed = await auth.sessions.refresh(session.refresh_token, client=CLIENT)
    secrets += [refreshed.access_token, refreshed.refresh_token]
    await attempt(auth.sessions.refresh(session.refresh_token, client=CLIENT))  # reuse: logged as a warning
    await attempt(auth.authenticator.authenticate(access_cookie=refreshed.access_token))
    await attempt(auth.authenticator.authenticate(access_cookie=session.access_token[:-4] + "AAAA"))
    token = await auth.api_tokens.create(
        authentication, name="ci", expires_at=datetime.now(UTC) + timedelta(days=1)
    )
    secrets.append(token.secret)
    await auth.authenticator.authenticate(authorization=f"Bearer {token.secret}")
    await attempt(auth.authenticator.authenticate(authorization=f"Bearer {token.secret}x"))
    second = await auth.sessions.login(name, TEST_PASSWORD, client=CLIENT)
    secrets += [second.access_token, second.refresh_token]
    await attempt(
        auth.users.change_own_password(
            authentication.principal,
            current_password="another secret guess",
            new_password=NEW_PASSWORD,
            client=CLIENT,
        )
    )
    secrets.append("another secret guess")
    await auth.users.change_own_password(
        authentication.principal, current_password=TEST_PASSWORD, new_password=NEW_PASSWORD, client=CLIENT
    )
    await auth.users.reset_password(admin, user.id, TEST_PASSWORD + "!")
    secrets.append(TEST_PASSWORD + "!")
    for _ in range(6):
        await attempt(auth.sessions.login(name, "lockout guess secret", client=CLIENT))
    secrets.append("lockout guess secret")
    await auth.sessions.logout(second.refresh_token)
    async with migrated_pool.acquire() as db:
        secrets += [row["password_hash"] for row in await db.fetch("SELECT password_hash FROM users")]
        secrets += [
            row["token_hash"].hex() for row in await db.fetch("SELECT token_hash FROM refresh_tokens")
        ]

    assert caplog.records, "the scenario should have logged something (failures, reuse, lockout)"
    assert any("reused" in record.getMessage() for record in caplog.records)
    assert any("locked out" in record.getMessage() for record in caplog.records)
    leaked = [
        (record.name, text)
        for record in caplog.records
        for text in _record_texts(record)
        for secret in secrets
        if secret in text
    ]
    assert leaked == []
    # Error messages reach clients and logs of the services: they carry no secret either.
    assert errors
    assert not [error.message for error in errors for secret in secrets if secret in error.message]
