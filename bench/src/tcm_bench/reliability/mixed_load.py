"""Many virtual clients at once, spread over REST, GraphQL and gRPC, mixing reads and writes.

Every client owns one case and alternates: read it (the version must be at least the last one it was
told), write a new title at that version. A run stops issuing requests when its budget is used up
(a number of operations per client, or a time window for the full run); `stop` ends it early (the
load balancer has stopped sending: see shutdown.py). Unexpected answers are counted, never hidden.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from uuid import UUID

from tcm_bench.figures import Latency, RequestFailedError
from tcm_bench.reliability.protocols import CaseSeen, ProtocolClient


@dataclass(frozen=True, slots=True)
class Budget:
    operations_per_client: int | None = None  # CI: bounded by count, whatever the machine's speed
    seconds: float | None = None  # the full run: a fixed window


@dataclass(slots=True)
class LoadResult:
    clients: int
    wall_seconds: float = 0.0
    operations: Counter[str] = field(default_factory=Counter)  # "REST read", "gRPC write", ...
    failures: Counter[str] = field(default_factory=Counter)  # unexpected answers by kind
    failure_examples: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    acknowledged: dict[UUID, CaseSeen] = field(default_factory=dict)  # the last acknowledged write per case
    acknowledged_writes: int = 0

    @property
    def total_operations(self) -> int:
        return sum(self.operations.values())

    @property
    def total_failures(self) -> int:
        return sum(self.failures.values())

    def latency(self) -> Latency:
        return Latency.of(self.latencies)


async def _checked_write(client: ProtocolClient, case_id: UUID, known: CaseSeen, title: str) -> CaseSeen:
    seen = await client.write(case_id, known.version, title)
    if seen.title != title or seen.version <= known.version:
        raise RequestFailedError("write not applied", f"{seen} after {known}")
    return seen


async def _checked_read(client: ProtocolClient, case_id: UUID, known: CaseSeen | None) -> CaseSeen:
    seen = await client.read(case_id)
    if known is not None and seen.version < known.version:
        raise RequestFailedError("stale read", f"{seen} after {known}")
    return seen


def _record_failure(result: LoadResult, kind: str, failure: RequestFailedError) -> None:
    result.failures[f"{kind}: {failure.kind}"] += 1
    if len(result.failure_examples) < 10:
        result.failure_examples.append(f"{kind}: {failure}")


async def run_mixed_load(
    clients: Sequence[ProtocolClient],
    case_ids: Sequence[UUID],
    budget: Budget,
    stop: Callable[[], bool] = lambda: False,
) -> LoadResult:
    """Client i uses clients[i % len(clients)] on case_ids[i]; one client per case."""
    result = LoadResult(clients=len(case_ids))
    started = time.perf_counter()
    deadline = None if budget.seconds is None else started + budget.seconds

    def may_continue(done: int) -> bool:
        if stop():
            return False
        if budget.operations_per_client is not None and done >= budget.operations_per_client:
            return False
        return deadline is None or time.perf_counter() < deadline

    async def virtual_client(index: int, case_id: UUID) -> None:
        client = clients[index % len(clients)]
        known: CaseSeen | None = None
        done = 0
        while may_continue(done):
            writing = known is not None and done % 2 == 1
            kind = f"{client.protocol} {'write' if writing else 'read'}"
            began = time.perf_counter()
            try:
                if known is not None and writing:
                    known = await _checked_write(client, case_id, known, f"load {index} write {done}")
                    result.acknowledged[case_id] = known
                    result.acknowledged_writes += 1
                else:
                    known = await _checked_read(client, case_id, known)
            except RequestFailedError as failure:
                _record_failure(result, kind, failure)
                known = None  # read again before the next write
            else:
                result.latencies.append(time.perf_counter() - began)
            result.operations[kind] += 1
            done += 1

    await asyncio.gather(*(virtual_client(index, case_id) for index, case_id in enumerate(case_ids)))
    result.wall_seconds = time.perf_counter() - started
    return result
