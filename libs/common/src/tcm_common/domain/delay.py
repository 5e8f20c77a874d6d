"""Delay of a case: its suite's estimated end date has passed and the case is not completed.

`today` is the organisation's date (tcm_common.application.clock), never the UTC date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tcm_common.domain.case_status import CaseStatus


@dataclass(frozen=True, slots=True)
class Delay:
    days: int

    @property
    def is_delayed(self) -> bool:
        return self.days > 0


def delay_of(status: CaseStatus, suite_end_date: date, today: date) -> Delay:
    if status is CaseStatus.COMPLETED or suite_end_date >= today:
        return Delay(0)
    return Delay((today - suite_end_date).days)
