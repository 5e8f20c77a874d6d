"""Use cases of test suites: create, update, change status, delete (cascade on request), get, list."""

from __future__ import annotations

from uuid import UUID, uuid4

from tcm_common.application.clock import Clock
from tcm_common.application.filters import SuiteFilter
from tcm_common.application.lookup import suite_of
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, authorize
from tcm_common.application.ports import UnitOfWork, UnitOfWorkFactory
from tcm_common.application.read_models import SuiteStats, SuiteView
from tcm_common.application.views import suite_views
from tcm_common.domain.errors import Conflict
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import SuiteFields, SuitePatch, TestSuite
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.domain.versioning import ensure_version


class SuiteUseCases:
    def __init__(self, unit_of_work: UnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    @staticmethod
    async def _view(uow: UnitOfWork, suite: TestSuite) -> SuiteView:
        [view] = await suite_views(uow.reads, [suite])
        return view

    async def create(self, principal: Principal | None, fields: SuiteFields) -> SuiteView:
        authorize(principal, Action.MANAGE_SUITES)
        suite = TestSuite.create(uuid4(), fields, self._clock.now())
        async with self._unit_of_work() as uow:
            await uow.suites.add(suite)
            uow.publish(ChangeEvent(suite.id, ChangeKind.SUITE_CREATED, suite.id, suite.version))
            await uow.commit()
        # A new suite has no groups and no cases: nothing to count.
        return SuiteView(suite, SuiteStats())

    async def update(
        self, principal: Principal | None, suite_id: UUID, patch: SuitePatch, expected_version: int | None
    ) -> SuiteView:
        authorize(principal, Action.MANAGE_SUITES)
        async with self._unit_of_work() as uow:
            current = await suite_of(uow, suite_id)
            ensure_version("test suite", current, expected_version)
            suite = current.apply(patch, self._clock.now())
            await uow.suites.update(suite)
            uow.publish(ChangeEvent(suite.id, ChangeKind.SUITE_UPDATED, suite.id, suite.version))
            view = await self._view(uow, suite)
            await uow.commit()
        return view

    async def change_status(
        self,
        principal: Principal | None,
        suite_id: UUID,
        status: SuiteStatus,
        expected_version: int | None = None,
    ) -> SuiteView:
        authorize(principal, Action.CHANGE_SUITE_STATUS)
        async with self._unit_of_work() as uow:
            current = await suite_of(uow, suite_id)
            ensure_version("test suite", current, expected_version)
            suite = current.change_status(status, self._clock.now())
            await uow.suites.update(suite)
            uow.publish(ChangeEvent(suite.id, ChangeKind.SUITE_STATUS_CHANGED, suite.id, suite.version))
            view = await self._view(uow, suite)
            await uow.commit()
        return view

    async def delete(
        self,
        principal: Principal | None,
        suite_id: UUID,
        *,
        cascade: bool = False,
        expected_version: int | None = None,
    ) -> None:
        authorize(principal, Action.MANAGE_SUITES)
        async with self._unit_of_work() as uow:
            # The row lock keeps a group from being added between the count and the delete.
            suite = await suite_of(uow, suite_id, for_update=True)
            ensure_version("test suite", suite, expected_version)
            groups = await uow.suites.count_groups(suite_id)
            if groups and not cascade:
                raise Conflict(
                    f"test suite {suite_id} has {groups} group(s); delete with cascade to remove them"
                )
            await uow.suites.delete(suite_id)
            uow.publish(ChangeEvent(suite.id, ChangeKind.SUITE_DELETED, suite.id, suite.version))
            await uow.commit()

    async def get(self, principal: Principal | None, suite_id: UUID) -> SuiteView:
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            return await self._view(uow, await suite_of(uow, suite_id))

    async def list(
        self, principal: Principal | None, suite_filter: SuiteFilter, request: PageRequest
    ) -> Page[SuiteView]:
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            page = await uow.suites.page(suite_filter, request)
            return page.with_nodes(await suite_views(uow.reads, page.nodes))
