"""Cases with their computed values (actual effort, delay), one batched statement per list."""

from __future__ import annotations

from collections.abc import Sequence

from tcm_common.domain.case import TestCase as Case
from tcm_common.domain.principal import Principal
from tcm_common.platform import Platform
from tcm_rest.cases.messages import TestCase


async def cases_view(platform: Platform, principal: Principal, cases: Sequence[Case]) -> list[TestCase]:
    facts = await platform.loaders(principal).case_facts([case.id for case in cases])
    return [TestCase.of(case, facts_of_case) for case, facts_of_case in zip(cases, facts, strict=True)]


async def case_view(platform: Platform, principal: Principal, case: Case) -> TestCase:
    [view] = await cases_view(platform, principal, [case])
    return view
