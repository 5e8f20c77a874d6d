"""Database pool usage, observed at each metric collection.

    observe_pool(platform.pool)          # once, after the pool is created

    db.client.connection.count   connections open, by db.client.connection.state (used | idle)
    db.client.connection.max     the most the pool opens
Both carry db.client.connection.pool.name. `used` near `max` means requests wait for a connection.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import asyncpg
from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation

POOL_NAME: Final = "platform"


class _ObservedPools:
    """The pools to report. Added to on the event loop's thread and read on the metric reader's: the
    list is replaced, never changed in place, so a reader always sees a whole one."""

    def __init__(self) -> None:
        self._pools: tuple[asyncpg.Pool, ...] = ()

    def add(self, pool: asyncpg.Pool) -> None:
        # Closed pools (tests open many) are forgotten here.
        self._pools = (*self.open(), pool)

    def open(self) -> list[asyncpg.Pool]:
        return [pool for pool in self._pools if not pool.is_closing()]


_observed = _ObservedPools()


def observe_pool(pool: asyncpg.Pool) -> None:
    _observed.add(pool)


# The callbacks run on the metric reader's thread; they only read counters of the pools.
def _connections(_options: CallbackOptions) -> Iterable[Observation]:
    pools = _observed.open()
    if not pools:
        return []
    size = sum(pool.get_size() for pool in pools)
    idle = sum(pool.get_idle_size() for pool in pools)
    name = "db.client.connection.pool.name"
    return [
        Observation(size - idle, {name: POOL_NAME, "db.client.connection.state": "used"}),
        Observation(idle, {name: POOL_NAME, "db.client.connection.state": "idle"}),
    ]


def _maximum(_options: CallbackOptions) -> Iterable[Observation]:
    pools = _observed.open()
    if not pools:
        return []
    return [Observation(sum(pool.get_max_size() for pool in pools), {"db.client.connection.pool.name": POOL_NAME})]


_meter = metrics.get_meter("tcm_common.telemetry")
_meter.create_observable_up_down_counter(
    "db.client.connection.count",
    callbacks=[_connections],
    unit="{connection}",
    description="Connections of the database pool, by state",
)
_meter.create_observable_up_down_counter(
    "db.client.connection.max",
    callbacks=[_maximum],
    unit="{connection}",
    description="The most connections the database pool opens",
)
