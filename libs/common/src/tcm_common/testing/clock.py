"""A clock for tests: "now" is what the test says, never the wall clock, so no test depends on today.

    clock = ManualClock()                      # 2026-03-14 12:00 UTC unless told otherwise
    platform = Platform(pool, feed, clock=clock)
    SuiteFields("Late", clock.today() - timedelta(days=10), clock.today() - timedelta(days=1))
    clock.advance(timedelta(days=1))

With a `step`, every reading moves the clock on by it, so that writes made one after another keep their
order in timestamps (history, creation order) as they would under the wall clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

# A fixed day in the past: effort dates and delays computed from it never meet "the future".
FIXED_NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


class ManualClock:
    def __init__(self, now: datetime = FIXED_NOW, *, step: timedelta = timedelta(0)) -> None:
        self.now = now
        self._step = step

    def __call__(self) -> datetime:
        reading = self.now
        self.now += self._step
        return reading

    def today(self) -> date:
        return self.now.date()

    def advance(self, delta: timedelta) -> None:
        self.now += delta
