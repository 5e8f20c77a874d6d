"""What a running HTTP service holds from start to stop: settings, the Platform, the auth services.

    async with runtime_from_environment("graphql", "1.2.0") as runtime:   # production start-up
    async with open_runtime(settings, password_hasher=fast, clock=ManualClock()) as runtime:   # tests

Both raise SettingsError (naming the variables to set) when the configuration is incomplete, before
anything listens, and close the database pool, the change feed and telemetry on the way out.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass

from litestar.connection import ASGIConnection

from tcm_common.application.clock import Clock
from tcm_common.auth.login_throttle import ThrottlePolicy
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.wiring import AuthServices, build_auth_services
from tcm_common.platform import Platform
from tcm_common.settings import Settings, load_settings
from tcm_common.startup_heap import freeze_startup_objects
from tcm_common.telemetry import configure_telemetry
from tcm_common.telemetry.pool_metrics import observe_pool

RUNTIME_STATE_KEY = "tcm_runtime"


@dataclass(frozen=True, slots=True)
class ServiceRuntime:
    settings: Settings
    platform: Platform
    auth: AuthServices


RuntimeOpener = Callable[[], AbstractAsyncContextManager[ServiceRuntime]]


@asynccontextmanager
async def open_runtime(
    settings: Settings,
    *,
    password_hasher: PasswordHasher | None = None,
    throttle_policy: ThrottlePolicy | None = None,
    clock: Clock | None = None,
) -> AsyncIterator[ServiceRuntime]:
    platform = await Platform.start(settings.database, clock=clock or Clock(settings.time_zone))
    observe_pool(platform.pool)
    try:
        auth = build_auth_services(
            settings, platform.pool, password_hasher=password_hasher, throttle_policy=throttle_policy
        )
        yield ServiceRuntime(settings=settings, platform=platform, auth=auth)
    finally:
        await platform.close()


@asynccontextmanager
async def runtime_from_environment(service: str, version: str) -> AsyncIterator[ServiceRuntime]:
    """Settings from the environment, telemetry for `service`, then the runtime."""
    settings = load_settings()
    telemetry = configure_telemetry(service, version, settings.telemetry, settings.environment)
    try:
        async with open_runtime(settings) as runtime:
            freeze_startup_objects()
            yield runtime
    finally:
        telemetry.shutdown()


def service_version() -> str:
    """The version the service's PEX was built with (TCM_SERVICE_VERSION); "dev" when run from source."""
    return os.environ.get("TCM_SERVICE_VERSION", "dev")


def runtime_of(connection: ASGIConnection) -> ServiceRuntime:  # type: ignore[type-arg]
    runtime: ServiceRuntime = connection.app.state[RUNTIME_STATE_KEY]
    return runtime
