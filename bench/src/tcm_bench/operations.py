"""What a protocol's driver offers: named read operations, each one request that may carry extra
headers (or gRPC metadata), which is how the SQL count gives a request a trace id of its own."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from tcm_bench.profile import Profile
from tcm_bench.seeding import SeededData
from tcm_bench.services import RunningService

Headers = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class ReadOperation:
    name: str
    call: Callable[[Headers], Awaitable[None]]
    # GraphQL: the operation's span, under which the DataLoader test counts statements.
    operation_span: str | None = None


ReadDriver = Callable[[RunningService, SeededData, Profile, int], AbstractAsyncContextManager[list[ReadOperation]]]
"""(service, data, profile, concurrency) -> the operations, over clients sized for that concurrency."""
