"""Use cases of test cases: create, update, delete, change status (with history), read, history."""

from __future__ import annotations

from uuid import UUID, uuid4

from tcm_common.application.clock import Clock
from tcm_common.application.lookup import case_of, group_of
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, authorize
from tcm_common.application.ports import UnitOfWorkFactory
from tcm_common.domain.case import CaseFields, CasePatch, TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.principal import Principal
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.versioning import ensure_version


class CaseUseCases:
    def __init__(self, unit_of_work: UnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def create(self, principal: Principal | None, group_id: UUID, fields: CaseFields) -> TestCase:
        authorize(principal, Action.MANAGE_CASES)
        async with self._unit_of_work() as uow:
            group = await group_of(uow, group_id)
            case = TestCase.create(uuid4(), group_id, fields, self._clock())
            await uow.cases.add(case)
            uow.publish(ChangeEvent(group.suite_id, ChangeKind.CASE_CREATED, case.id, case.version))
            await uow.commit()
        return case

    async def update(
        self, principal: Principal | None, case_id: UUID, patch: CasePatch, expected_version: int | None
    ) -> TestCase:
        authorize(principal, Action.MANAGE_CASES)
        async with self._unit_of_work() as uow:
            current = await case_of(uow, case_id)
            ensure_version("test case", current, expected_version)
            case = current.apply(patch, self._clock())
            await uow.cases.update(case)
            group = await group_of(uow, case.group_id)
            uow.publish(ChangeEvent(group.suite_id, ChangeKind.CASE_UPDATED, case.id, case.version))
            await uow.commit()
        return case

    async def delete(
        self, principal: Principal | None, case_id: UUID, *, expected_version: int | None = None
    ) -> None:
        """A case's history and effort records go with it."""
        authorize(principal, Action.MANAGE_CASES)
        async with self._unit_of_work() as uow:
            case = await case_of(uow, case_id)
            ensure_version("test case", case, expected_version)
            group = await group_of(uow, case.group_id)
            await uow.cases.delete(case_id)
            uow.publish(ChangeEvent(group.suite_id, ChangeKind.CASE_DELETED, case.id, case.version))
            await uow.commit()

    async def change_status(
        self,
        principal: Principal | None,
        case_id: UUID,
        status: CaseStatus,
        *,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> TestCase:
        actor = authorize(principal, Action.CHANGE_CASE_STATUS)
        async with self._unit_of_work() as uow:
            current = await case_of(uow, case_id)
            ensure_version("test case", current, expected_version)
            case, change = current.change_status(status, reason, actor.user_id, uuid4(), self._clock())
            await uow.cases.update(case)
            await uow.status_changes.add(change)
            group = await group_of(uow, case.group_id)
            uow.publish(ChangeEvent(group.suite_id, ChangeKind.CASE_STATUS_CHANGED, case.id, case.version))
            await uow.commit()
        return case

    async def get(self, principal: Principal | None, case_id: UUID) -> TestCase:
        authorize(principal, Action.READ)
        async with self._unit_of_work() as uow:
            return await case_of(uow, case_id)

    async def list_for_group(
        self, principal: Principal | None, group_id: UUID, request: PageRequest, *, status: CaseStatus | None = None
    ) -> Page[TestCase]:
        """Oldest first, one page (docs/paging.md); `status` keeps only the cases in it."""
        authorize(principal, Action.READ)
        async with self._unit_of_work() as uow:
            await group_of(uow, group_id)
            return await uow.cases.page_for_group(group_id, status, request)

    async def history(self, principal: Principal | None, case_id: UUID, request: PageRequest) -> Page[StatusChange]:
        """Oldest first, one page (docs/paging.md)."""
        authorize(principal, Action.READ)
        async with self._unit_of_work() as uow:
            await case_of(uow, case_id)
            return await uow.status_changes.page_for_case(case_id, request)
