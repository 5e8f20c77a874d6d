"""What clients show of the organisation's settings: its time zone, which defines "today" for every
date rule (tcm_common.application.clock), so that a user sees where dates are judged.

    organisation = platform.organisation.get(principal)     # Organisation(time_zone="Asia/Tokyo")
"""

from __future__ import annotations

from dataclasses import dataclass

from tcm_common.application.clock import Clock
from tcm_common.application.policy import Action, authorize
from tcm_common.domain.principal import Principal


@dataclass(frozen=True, slots=True)
class Organisation:
    time_zone: str  # IANA name


class OrganisationQuery:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def get(self, principal: Principal | None) -> Organisation:
        authorize(principal, Action.READ)
        return Organisation(time_zone=self._clock.time_zone_name)
