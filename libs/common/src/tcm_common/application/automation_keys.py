"""Use case of a case's automation key (docs/domain-runs.md): set, change or remove it."""

from __future__ import annotations

from uuid import UUID

from tcm_common.application.clock import Clock
from tcm_common.application.lookup import case_of, group_of, suite_of
from tcm_common.application.policy import Action, authorize
from tcm_common.application.run_ports import RunUnitOfWorkFactory
from tcm_common.domain.case import TestCase
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.principal import Principal
from tcm_common.domain.run import ensure_suite_open
from tcm_common.domain.versioning import ensure_version


class AutomationKeyUseCases:
    def __init__(self, unit_of_work: RunUnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def set_key(
        self, principal: Principal | None, case_id: UUID, key: str | None, expected_version: int | None = None
    ) -> TestCase:
        """None or blank removes the key; Conflict when another case of the suite has it."""
        authorize(principal, Action.MANAGE_CASES)
        async with self._unit_of_work() as uow:
            current = await case_of(uow, case_id)
            ensure_version("test case", current, expected_version)
            suite = await suite_of(uow, (await group_of(uow, current.group_id)).suite_id)
            ensure_suite_open(suite.id, suite.status)
            case = current.with_automation_key(key, self._clock.now())
            await uow.automation.set_key(case)
            uow.publish(ChangeEvent(suite.id, ChangeKind.CASE_UPDATED, case.id, case.version))
            await uow.commit()
        return case
