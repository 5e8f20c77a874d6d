from collections.abc import AsyncIterator

import asyncpg
import grpc.aio
import pytest
from examples_harness import TokenHolder, suite_with_open_cases, token_holder
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tcm_common.auth.testing import auth_settings_for_tests
from tcm_common.auth.wiring import build_authenticator
from tcm_common.domain.principal import Role
from tcm_common.listen_address import ListenAddress
from tcm_common.platform import Platform
from tcm_common.settings import DatabaseSettings, Environment, TelemetrySettings
from tcm_common.telemetry import configure_tracing
from tcm_common.testing.clock import service_clock
from tcm_common.testing.fixtures import *  # noqa: F403
from tcm_common.testing.migrated import *  # noqa: F403
from tcm_contracts.client import Clients
from tcm_grpc.server import start_server


@pytest.fixture(scope="session")
def spans() -> InMemorySpanExporter:
    """Every span of this test process: the gate's and, in process, the gRPC server's and its SQL."""
    provider = configure_tracing("examples-tests", "0.0.0", TelemetrySettings(), Environment.TEST)
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


@pytest.fixture(scope="session")
async def grpc_target(
    spans: InMemorySpanExporter, database_url: str, migrated_pool: asyncpg.Pool  # noqa: ARG001 requested for its side effect
) -> AsyncIterator[str]:
    """The gRPC service in this process, on a free port."""
    platform = await Platform.start(DatabaseSettings(dsn=database_url), clock=service_clock())
    running = await start_server(
        platform,
        build_authenticator(auth_settings_for_tests(), platform.pool),
        address=ListenAddress("127.0.0.1", 0),
        reflection_enabled=False,
    )
    yield f"127.0.0.1:{running.port}"
    await running.shutdown(drain_seconds=0, grace_seconds=1)
    await platform.close()


@pytest.fixture(scope="session")
async def manager(migrated_pool: asyncpg.Pool) -> TokenHolder:
    return await token_holder(migrated_pool, Role.MANAGER)


@pytest.fixture(scope="session")
async def ci(migrated_pool: asyncpg.Pool) -> TokenHolder:
    """The CI system's user: a tester, who may read suites."""
    return await token_holder(migrated_pool, Role.TESTER)


@pytest.fixture
async def suite_id(grpc_target: str, manager: TokenHolder) -> str:
    async with grpc.aio.insecure_channel(grpc_target) as channel:
        return await suite_with_open_cases(Clients.over(channel, token=manager.token), "pay by card", "refund")
