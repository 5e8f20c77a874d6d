"""Use cases of test groups: create (appended last), update, delete (cascade on request), reorder, read."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID, uuid4

from tcm_common.application.clock import Clock
from tcm_common.application.lookup import group_of, open_suite_of, suite_of
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, authorize
from tcm_common.application.ports import UnitOfWork, UnitOfWorkFactory
from tcm_common.application.read_models import GroupView
from tcm_common.application.views import group_views
from tcm_common.domain.errors import Conflict
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.group import GroupFields, GroupPatch, TestGroup, reorder
from tcm_common.domain.principal import Principal
from tcm_common.domain.versioning import ensure_version


class GroupUseCases:
    def __init__(self, unit_of_work: UnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    @staticmethod
    async def _view(uow: UnitOfWork, group: TestGroup) -> GroupView:
        [view] = await group_views(uow.reads, [group])
        return view

    async def create(self, principal: Principal | None, suite_id: UUID, fields: GroupFields) -> GroupView:
        authorize(principal, Action.MANAGE_GROUPS)
        async with self._unit_of_work() as uow:
            # Locking the suite serialises concurrent creations, so each gets its own display order.
            await open_suite_of(uow, suite_id)
            order = await uow.groups.next_display_order(suite_id)
            group = TestGroup.create(uuid4(), suite_id, fields, order, self._clock.now())
            await uow.groups.add(group)
            uow.publish(ChangeEvent(suite_id, ChangeKind.GROUP_CREATED, group.id, group.version))
            view = await self._view(uow, group)
            await uow.commit()
        return view

    async def update(
        self, principal: Principal | None, group_id: UUID, patch: GroupPatch, expected_version: int | None
    ) -> GroupView:
        authorize(principal, Action.MANAGE_GROUPS)
        async with self._unit_of_work() as uow:
            current = await group_of(uow, group_id)
            ensure_version("test group", current, expected_version)
            await open_suite_of(uow, current.suite_id)
            group = current.apply(patch, self._clock.now())
            await uow.groups.update(group)
            uow.publish(ChangeEvent(group.suite_id, ChangeKind.GROUP_UPDATED, group.id, group.version))
            view = await self._view(uow, group)
            await uow.commit()
        return view

    async def delete(
        self,
        principal: Principal | None,
        group_id: UUID,
        *,
        cascade: bool = False,
        expected_version: int | None = None,
    ) -> None:
        authorize(principal, Action.MANAGE_GROUPS)
        async with self._unit_of_work() as uow:
            # The suite first, as every write under it locks it: the same order everywhere, no deadlock.
            await open_suite_of(uow, (await group_of(uow, group_id)).suite_id)
            group = await group_of(uow, group_id, for_update=True)
            ensure_version("test group", group, expected_version)
            cases = await uow.groups.count_cases(group_id)
            if cases and not cascade:
                raise Conflict(
                    f"test group {group_id} has {cases} case(s); delete with cascade to remove them"
                )
            await uow.groups.delete(group_id)
            uow.publish(ChangeEvent(group.suite_id, ChangeKind.GROUP_DELETED, group.id, group.version))
            await uow.commit()

    async def reorder(
        self, principal: Principal | None, suite_id: UUID, ordered_group_ids: Sequence[UUID]
    ) -> list[GroupView]:
        """Returns every group of the suite in its new order."""
        authorize(principal, Action.REORDER_GROUPS)
        async with self._unit_of_work() as uow:
            suite = await open_suite_of(uow, suite_id)
            groups = await uow.groups.list_for_suite(suite_id)
            moved = {group.id: group for group in reorder(groups, ordered_group_ids, self._clock.now())}
            for group in moved.values():
                await uow.groups.update(group)
            if moved:
                uow.publish(ChangeEvent(suite_id, ChangeKind.GROUPS_REORDERED, suite_id, suite.version))
            ordered = sorted((moved.get(group.id, group) for group in groups), key=lambda group: group.display_order)
            views = await group_views(uow.reads, ordered)
            await uow.commit()
        return views

    async def get(self, principal: Principal | None, group_id: UUID) -> GroupView:
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            return await self._view(uow, await group_of(uow, group_id))

    async def list_for_suite(
        self, principal: Principal | None, suite_id: UUID, request: PageRequest
    ) -> Page[GroupView]:
        """In display order, one page (docs/paging.md)."""
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            await suite_of(uow, suite_id)
            page = await uow.groups.page_for_suite(suite_id, request)
            return page.with_nodes(await group_views(uow.reads, page.nodes))
