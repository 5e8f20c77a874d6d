from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from contracts_harness import GrpcHarness


@pytest.fixture
async def grpc_harness() -> AsyncIterator[GrpcHarness]:
    harness = GrpcHarness()
    yield harness
    await harness.close()
