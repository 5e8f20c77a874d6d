"""Loads an entity inside the unit of work of a use case, or raises NotFound."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

from tcm_common.application.ports import UnitOfWork
from tcm_common.domain.case import TestCase
from tcm_common.domain.errors import NotFound
from tcm_common.domain.group import TestGroup
from tcm_common.domain.suite import TestSuite

_T = TypeVar("_T")


def found(entity: _T | None, resource: str, identifier: UUID) -> _T:
    if entity is None:
        raise NotFound(resource, identifier)
    return entity


async def suite_of(uow: UnitOfWork, suite_id: UUID, *, for_update: bool = False) -> TestSuite:
    return found(await uow.suites.get(suite_id, for_update=for_update), "test suite", suite_id)


async def open_suite_of(uow: UnitOfWork, suite_id: UUID) -> TestSuite:
    """The suite of a write to its groups, cases or effort, refused with SuiteClosed while COMPLETED.
    The row stays locked until the write commits, so the suite cannot close in between."""
    suite = await suite_of(uow, suite_id, for_update=True)
    suite.ensure_open()
    return suite


async def group_of(uow: UnitOfWork, group_id: UUID, *, for_update: bool = False) -> TestGroup:
    return found(await uow.groups.get(group_id, for_update=for_update), "test group", group_id)


async def case_of(uow: UnitOfWork, case_id: UUID) -> TestCase:
    return found(await uow.cases.get(case_id), "test case", case_id)
