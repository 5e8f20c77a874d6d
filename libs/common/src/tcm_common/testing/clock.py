"""A clock for tests: "now" is what the test says, never the wall clock, so no test depends on today.

    clock = ManualClock()                      # 2026-03-14 12:00 UTC unless told otherwise
    platform = Platform(pool, feed, clock=clock)
    SuiteFields("Late", clock.today() - timedelta(days=10), clock.today() - timedelta(days=1))
    clock.advance(timedelta(days=1))

It is the one Clock (tcm_common.application.clock) reading a time the test sets. With a `step`, every
reading moves the clock on by it, so that writes made one after another keep their order in timestamps
(history, creation order) as they would under the wall clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tcm_common.application.clock import Clock

# A fixed day in the past: effort dates and delays computed from it never meet "the future".
FIXED_NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
FIXED_TODAY = FIXED_NOW.date()


class _ManualTime:
    def __init__(self, start: datetime, step: timedelta) -> None:
        self.instant = start
        self.step = step

    def __call__(self) -> datetime:
        reading = self.instant
        self.instant += self.step
        return reading


class ManualClock(Clock):
    _time: _ManualTime

    def __init__(
        self, start: datetime = FIXED_NOW, *, step: timedelta = timedelta(0), time_zone: str = "UTC"
    ) -> None:
        time = _ManualTime(start, step)
        super().__init__(ZoneInfo(time_zone), time)
        object.__setattr__(self, "_time", time)  # Clock is frozen; the time it reads is not

    @property
    def instant(self) -> datetime:
        return self._time.instant

    def advance(self, delta: timedelta) -> None:
        self._time.instant += delta


def service_clock(time_zone: ZoneInfo | None = None) -> ManualClock:
    """The clock of a service under test: FIXED_TODAY all session long, each reading 1 ms later."""
    return ManualClock(step=timedelta(milliseconds=1), time_zone=time_zone.key if time_zone else "UTC")
