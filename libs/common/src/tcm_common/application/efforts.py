"""Use cases of effort records: record hours on a case, list them."""

from __future__ import annotations

from uuid import UUID, uuid4

from tcm_common.application.clock import Clock
from tcm_common.application.lookup import case_of, group_of, open_suite_of
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, authorize
from tcm_common.application.ports import UnitOfWorkFactory
from tcm_common.application.read_models import EffortEntry, EffortResult, UserRef
from tcm_common.application.views import case_views, effort_entries
from tcm_common.domain.effort import EffortFields, EffortRecord
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.principal import Principal


class EffortUseCases:
    def __init__(self, unit_of_work: UnitOfWorkFactory, clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def record(self, principal: Principal | None, case_id: UUID, fields: EffortFields) -> EffortResult:
        """Answers with the record and the case with its new actual effort."""
        actor = authorize(principal, Action.RECORD_EFFORT)
        async with self._unit_of_work() as uow:
            case = await case_of(uow, case_id)
            group = await group_of(uow, case.group_id)
            suite = await open_suite_of(uow, group.suite_id)
            record = EffortRecord.record(
                uuid4(),
                case_id,
                fields,
                comment_required=suite.require_effort_comment,
                recorded_by=actor.user_id,
                now=self._clock.now(),
                today=self._clock.today(),
            )
            await uow.efforts.add(record)
            uow.publish(ChangeEvent(suite.id, ChangeKind.EFFORT_RECORDED, case.id, case.version))
            [view] = await case_views(uow.reads, [case], self._clock.today())
            await uow.commit()
        return EffortResult(EffortEntry(record, UserRef(actor.user_id, actor.username)), view)

    async def list_for_case(
        self, principal: Principal | None, case_id: UUID, request: PageRequest, *, newest_first: bool = False
    ) -> Page[EffortEntry]:
        """By work date, then by when they were recorded (or the reverse), one page (docs/paging.md)."""
        authorize(principal, Action.READ)
        async with self._unit_of_work(read_only=True) as uow:
            await case_of(uow, case_id)
            page = await uow.efforts.page_for_case(case_id, request, newest_first=newest_first)
            return page.with_nodes(await effort_entries(uow.reads, page.nodes))
