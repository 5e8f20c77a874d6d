"""Use cases of test cases: create, update, delete, change status (with history), read, history.

Each answers with read models (tcm_common.application.read_models), built in its own transaction."""

from __future__ import annotations

from uuid import UUID, uuid4

from tcm_common.application.clock import Clock
from tcm_common.application.lookup import case_of, group_of, open_suite_of
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, authorize
from tcm_common.application.ports import UnitOfWork, UnitOfWorkFactory
from tcm_common.application.read_models import CaseView, HistoryEntry, StatusChangeResult, UserRef
from tcm_common.application.views import case_views, history_entries
from tcm_common.domain.case import CaseFields, CasePatch, TestCase
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.principal import Principal
from tcm_common.domain.versioning import ensure_version


class CaseUseCases:
    def __init__(self, unit_of_work: UnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def _view(self, uow: UnitOfWork, case: TestCase) -> CaseView:
        [view] = await case_views(uow.reads, [case], self._clock.today())
        return view

    async def create(self, principal: Principal | None, group_id: UUID, fields: CaseFields) -> CaseView:
        authorize(principal, Action.MANAGE_CASES)
        async with self._unit_of_work() as uow:
            group = await group_of(uow, group_id)
            await open_suite_of(uow, group.suite_id)
            case = TestCase.create(uuid4(), group_id, fields, self._clock.now())
            await uow.cases.add(case)
            uow.publish(ChangeEvent(group.suite_id, ChangeKind.CASE_CREATED, case.id, case.version))
            view = await self._view(uow, case)
            await uow.commit()
        return view

    async def update(
        self, principal: Principal | None, case_id: UUID, patch: CasePatch, expected_version: int | None
    ) -> CaseView:
        authorize(principal, Action.MANAGE_CASES)
        async with self._unit_of_work() as uow:
            current = await case_of(uow, case_id)
            ensure_version("test case", current, expected_version)
            group = await group_of(uow, current.group_id)
            await open_suite_of(uow, group.suite_id)
            case = current.apply(patch, self._clock.now())
            await uow.cases.update(case)
            uow.publish(ChangeEvent(group.suite_id, ChangeKind.CASE_UPDATED, case.id, case.version))
            view = await self._view(uow, case)
            await uow.commit()
        return view

    async def delete(
        self, principal: Principal | None, case_id: UUID, *, expected_version: int | None = None
    ) -> None:
        """A case's history and effort records go with it."""
        authorize(principal, Action.MANAGE_CASES)
        async with self._unit_of_work() as uow:
            case = await case_of(uow, case_id)
            ensure_version("test case", case, expected_version)
            group = await group_of(uow, case.group_id)
            await open_suite_of(uow, group.suite_id)
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
    ) -> StatusChangeResult:
        """Answers with the history entry it wrote and the case after the change."""
        actor = authorize(principal, Action.CHANGE_CASE_STATUS)
        async with self._unit_of_work() as uow:
            current = await case_of(uow, case_id)
            ensure_version("test case", current, expected_version)
            group = await group_of(uow, current.group_id)
            await open_suite_of(uow, group.suite_id)
            case, change = current.change_status(status, reason, actor.user_id, uuid4(), self._clock.now())
            await uow.cases.update(case)
            await uow.status_changes.add(change)
            uow.publish(ChangeEvent(group.suite_id, ChangeKind.CASE_STATUS_CHANGED, case.id, case.version))
            view = await self._view(uow, case)
            await uow.commit()
        entry = HistoryEntry(change, UserRef(actor.user_id, actor.username))
        return StatusChangeResult(entry, view)

    async def get(self, principal: Principal | None, case_id: UUID) -> CaseView:
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            return await self._view(uow, await case_of(uow, case_id))

    async def list_for_group(
        self, principal: Principal | None, group_id: UUID, request: PageRequest, *, status: CaseStatus | None = None
    ) -> Page[CaseView]:
        """Oldest first, one page (docs/paging.md); `status` keeps only the cases in it."""
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            await group_of(uow, group_id)
            page = await uow.cases.page_for_group(group_id, status, request)
            return page.with_nodes(await case_views(uow.reads, page.nodes, self._clock.today()))

    async def history(self, principal: Principal | None, case_id: UUID, request: PageRequest) -> Page[HistoryEntry]:
        """Oldest first, one page (docs/paging.md)."""
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            await case_of(uow, case_id)
            page = await uow.status_changes.page_for_case(case_id, request)
            return page.with_nodes(await history_entries(uow.reads, page.nodes))
