"""Batch loading for one caller: feed each method to a DataLoader (one loader set per request).

    loaders = platform.loaders(principal)
    groups = await loaders.groups_for_suites([suite_a, suite_b])   # [[...], [...]], one SQL statement

Every method checks that the caller may read, and answers in the order of the ids given (None or an
empty list/zero stats for an unknown id), which is exactly what a DataLoader batch function returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from uuid import UUID

from tcm_common.application.batch_ports import BatchReads
from tcm_common.application.clock import Clock
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, authorize
from tcm_common.application.read_models import CaseFacts, CaseView, GroupStats, SuiteStats, UserRef
from tcm_common.domain.case import TestCase
from tcm_common.domain.effort import EffortRecord
from tcm_common.domain.group import TestGroup
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.status_change import StatusChange
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.user import User


class Loaders:
    def __init__(self, reads: BatchReads, principal: Principal | None, clock: Clock) -> None:
        self._reads = reads
        self._principal = principal
        self._clock = clock

    def _authorize(self) -> None:
        # Checked per call, not at construction: a request builds its loaders before it knows
        # whether any resolver will need them.
        authorize(self._principal, Action.READ)

    async def suites_by_id(self, ids: Sequence[UUID]) -> list[TestSuite | None]:
        self._authorize()
        return await self._reads.suites_by_id(ids)

    async def groups_by_id(self, ids: Sequence[UUID]) -> list[TestGroup | None]:
        self._authorize()
        return await self._reads.groups_by_id(ids)

    async def cases_by_id(self, ids: Sequence[UUID]) -> list[TestCase | None]:
        self._authorize()
        return await self._reads.cases_by_id(ids)

    async def users_by_id(self, ids: Sequence[UUID]) -> list[User | None]:
        """Whole accounts: for the caller's own account and for Admins (user management)."""
        self._authorize()
        return await self._reads.users_by_id(ids)

    async def users_as_seen(self, ids: Sequence[UUID]) -> list[User | UserRef | None]:
        """Other users as this caller may see them (who changed or recorded something): an Admin sees
        the whole account, everyone else a reference (id and username), on every protocol."""
        principal = authorize(self._principal, Action.READ)
        if principal.role is Role.ADMIN:
            return list(await self._reads.users_by_id(ids))
        return list(await self._reads.user_refs(ids))

    async def groups_for_suites(self, suite_ids: Sequence[UUID]) -> list[list[TestGroup]]:
        self._authorize()
        return await self._reads.groups_for_suites(suite_ids)

    async def cases_for_groups(self, group_ids: Sequence[UUID]) -> list[list[TestCase]]:
        self._authorize()
        return await self._reads.cases_for_groups(group_ids)

    async def cases_with_effort_for_groups(
        self, group_ids: Sequence[UUID]
    ) -> list[list[tuple[TestCase, Decimal]]]:
        self._authorize()
        return await self._reads.cases_with_effort_for_groups(group_ids)

    async def case_views_for_groups(self, group_ids: Sequence[UUID]) -> list[list[CaseView]]:
        """Each group's cases, oldest first, with their actual effort and delay: one statement, from
        which the groups' and suites' progress and counts follow too (tcm_common.application.tallies)."""
        self._authorize()
        return await self._reads.case_views_for_groups(group_ids, self._clock.today())

    def today(self) -> date:
        """The organisation's today, which delays are counted to."""
        return self._clock.today()

    async def history_for_cases(self, case_ids: Sequence[UUID]) -> list[list[StatusChange]]:
        """Each case's status changes, oldest first (as `CaseUseCases.history`)."""
        self._authorize()
        return await self._reads.history_for_cases(case_ids)

    async def efforts_for_cases(self, case_ids: Sequence[UUID]) -> list[list[EffortRecord]]:
        """Each case's effort records by work date, then recording (as `EffortUseCases.list_for_case`)."""
        self._authorize()
        return await self._reads.efforts_for_cases(case_ids)

    async def group_pages(self, suite_ids: Sequence[UUID], request: PageRequest) -> list[Page[TestGroup]]:
        """The same page of each suite's groups (docs/paging.md)."""
        self._authorize()
        return await self._reads.group_pages(suite_ids, request)

    async def case_pages(self, group_ids: Sequence[UUID], request: PageRequest) -> list[Page[TestCase]]:
        self._authorize()
        return await self._reads.case_pages(group_ids, request)

    async def history_pages(self, case_ids: Sequence[UUID], request: PageRequest) -> list[Page[StatusChange]]:
        self._authorize()
        return await self._reads.history_pages(case_ids, request)

    async def effort_pages(self, case_ids: Sequence[UUID], request: PageRequest) -> list[Page[EffortRecord]]:
        self._authorize()
        return await self._reads.effort_pages(case_ids, request)

    async def suite_stats(self, suite_ids: Sequence[UUID]) -> list[SuiteStats]:
        self._authorize()
        return await self._reads.suite_stats(suite_ids)

    async def group_stats(self, group_ids: Sequence[UUID]) -> list[GroupStats]:
        self._authorize()
        return await self._reads.group_stats(group_ids)

    async def case_facts(self, case_ids: Sequence[UUID]) -> list[CaseFacts]:
        self._authorize()
        return await self._reads.case_facts(case_ids, self._clock.today())
