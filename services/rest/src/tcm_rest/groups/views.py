"""Groups with their computed values (progress, case count), one batched statement per list."""

from __future__ import annotations

from collections.abc import Sequence

from tcm_common.domain.group import TestGroup as Group
from tcm_common.domain.principal import Principal
from tcm_common.platform import Platform
from tcm_rest.groups.messages import TestGroup


async def groups_view(platform: Platform, principal: Principal, groups: Sequence[Group]) -> list[TestGroup]:
    stats = await platform.loaders(principal).group_stats([group.id for group in groups])
    return [TestGroup.of(group, stats_of_group) for group, stats_of_group in zip(groups, stats, strict=True)]


async def group_view(platform: Platform, principal: Principal, group: Group) -> TestGroup:
    [view] = await groups_view(platform, principal, [group])
    return view
