"""The one clock: the current instant (UTC) and "today" in the organisation's time zone.

    clock = Clock(ZoneInfo("Asia/Tokyo"))       # what a service builds from TCM_TIME_ZONE
    clock.now()                                 # aware datetime in UTC: timestamps, token lifetimes
    clock.today()                               # the organisation's calendar date: every date rule

Every date rule (effort dates not in the future, delay and delay days, the dashboard, the demo data)
reads `today()`, never the UTC date and never SQL's CURRENT_DATE: a team in Tokyo works on the 2nd
from 00:00 there, nine hours before UTC does (docs/domain.md, "today"). Tests inject `read_instant`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Clock:
    time_zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    read_instant: Callable[[], datetime] = utc_now

    def now(self) -> datetime:
        return self.read_instant().astimezone(UTC)

    def today(self) -> date:
        return self.read_instant().astimezone(self.time_zone).date()

    @property
    def time_zone_name(self) -> str:
        """The IANA name, as the settings gave it and the clients show it."""
        return self.time_zone.key


SYSTEM_CLOCK = Clock()
