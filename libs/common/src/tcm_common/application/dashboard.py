"""The dashboard: suites by status, overall progress, the number of cases and of delayed cases, over
every suite. One SQL statement; progress and delay follow the same domain rules as a suite's.

    dashboard = await platform.dashboard.get(principal)
"""

from __future__ import annotations

from tcm_common.application.clock import Clock
from tcm_common.application.dashboard_ports import DashboardReads
from tcm_common.application.policy import Action, authorize
from tcm_common.application.read_models import Dashboard, StatusCount
from tcm_common.domain.delay import delay_of
from tcm_common.domain.principal import Principal
from tcm_common.domain.progress import case_count, progress_percent
from tcm_common.domain.suite_status import SuiteStatus


class DashboardQuery:
    def __init__(self, reads: DashboardReads, clock: Clock) -> None:
        self._reads = reads
        self._clock = clock

    async def get(self, principal: Principal | None) -> Dashboard:
        authorize(principal, Action.READ)
        tallies = await self._reads.dashboard_tallies()
        today = self._clock.today()
        cases = [tally for _, tally in tallies.cases]
        delayed = [
            (status, priority, count)
            for end_date, (status, priority, count) in tallies.cases
            if delay_of(status, end_date, today).is_delayed
        ]
        return Dashboard(
            suites_by_status=[
                StatusCount(status, tallies.suites_by_status.get(status, 0)) for status in SuiteStatus
            ],
            overall_progress=progress_percent(cases),
            case_count=case_count(cases),
            delayed_case_count=case_count(delayed),
        )
