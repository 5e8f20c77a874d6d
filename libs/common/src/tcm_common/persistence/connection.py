"""Opens asyncpg connections and pools from DatabaseSettings (the password travels apart from the DSN)."""

from __future__ import annotations

import ssl

import asyncpg

from tcm_common.settings import DatabaseSettings, SslMode


def _password(settings: DatabaseSettings) -> str | None:
    return settings.password.reveal() if settings.password is not None else None


def ssl_context(settings: DatabaseSettings) -> ssl.SSLContext | bool | None:
    """What asyncpg's `ssl` argument gets: None leaves the choice to the DSN (asyncpg's default);
    verify-full checks the server certificate against the configured CA bundle and its host name."""
    if settings.ssl_mode is None:
        return None
    if settings.ssl_mode is SslMode.DISABLE:
        return False
    if settings.ssl_mode is SslMode.REQUIRE:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    context = ssl.create_default_context(cafile=settings.ssl_root_cert)
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context


async def connect(settings: DatabaseSettings) -> asyncpg.Connection:
    return await asyncpg.connect(settings.dsn, password=_password(settings), ssl=ssl_context(settings))


async def create_pool(settings: DatabaseSettings) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        settings.dsn,
        password=_password(settings),
        ssl=ssl_context(settings),
        min_size=settings.pool_min_size,
        max_size=settings.pool_max_size,
    )
    # create_pool is typed Optional only for its await-less form; awaited, it always returns the pool.
    assert pool is not None
    return pool
