"""Keyset pagination of the suite list against the real database."""

from datetime import date
from uuid import uuid4

import pytest

from tcm_common.application.filters import SuiteFilter
from tcm_common.application.pagination import MAX_PAGE_SIZE, PageRequest
from tcm_common.application.read_models import SuiteView
from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import SuiteFields
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.platform import Platform


async def make(platform: Platform, manager: Principal, name: str, start: int = 1, end: int = 20) -> SuiteView:
    return await platform.suites.create(manager, SuiteFields(name, date(2026, 3, start), date(2026, 3, end)))


async def test_pages_stay_stable_while_suites_are_added(platform: Platform, manager: Principal) -> None:
    token = uuid4().hex
    existing = [await make(platform, manager, f"Stable {token} {n}") for n in range(7)]
    seen: list[SuiteView] = []
    after = None
    pages = 0
    while True:
        page = await platform.suites.list(manager, SuiteFilter(search=token), PageRequest.of(3, after))
        seen.extend(page.nodes)
        pages += 1
        # Newer suites land before the cursor: they must neither show up later nor shift what follows.
        await make(platform, manager, f"Stable {token} inserted {pages}")
        if not page.has_next_page:
            break
        after = page.end_cursor
    assert [suite.id for suite in seen] == [suite.id for suite in reversed(existing)]
    assert pages == 3


async def test_total_count_and_filters(platform: Platform, manager: Principal) -> None:
    token = uuid4().hex
    early = await make(platform, manager, f"Filter {token} early", start=1, end=5)
    late = await make(platform, manager, f"Filter {token} late", start=10, end=25)
    await platform.suites.change_status(manager, late.id, SuiteStatus.IN_PROGRESS)
    described = await platform.suites.create(
        manager, SuiteFields("No token in the name", date(2026, 3, 2), date(2026, 3, 8), f"about {token}")
    )

    async def ids(suite_filter: SuiteFilter) -> list[object]:
        page = await platform.suites.list(manager, suite_filter, PageRequest.of(50))
        assert page.total_count == len(page.edges)
        return [suite.id for suite in page.nodes]

    assert await ids(SuiteFilter(search=token.upper())) == [described.id, late.id, early.id]
    assert await ids(SuiteFilter(search=token, status=SuiteStatus.IN_PROGRESS)) == [late.id]
    assert await ids(SuiteFilter(search=token, start_from=date(2026, 3, 2))) == [described.id, late.id]
    assert await ids(SuiteFilter(search=token, end_to=date(2026, 3, 8))) == [described.id, early.id]
    first = await platform.suites.list(manager, SuiteFilter(search=token), PageRequest.of(1))
    assert (first.total_count, first.has_next_page, len(first.edges)) == (3, True, 1)
    empty = await platform.suites.list(manager, SuiteFilter(search=token), PageRequest.of(0))
    assert (empty.total_count, empty.edges) == (3, [])


async def test_search_wildcards_are_literal(platform: Platform, manager: Principal) -> None:
    token = uuid4().hex
    percent = await make(platform, manager, f"{token} 100%_done")
    await make(platform, manager, f"{token} 100 and done")
    page = await platform.suites.list(manager, SuiteFilter(search=f"{token} 100%_"), PageRequest.of(10))
    assert page.nodes == [percent]


def test_page_size_is_capped_and_cursors_are_checked() -> None:
    assert PageRequest.of(1000).size == MAX_PAGE_SIZE
    assert PageRequest.of().size == 20
    with pytest.raises(ValidationFailed):
        PageRequest.of(-1)
    for junk in ("not-a-cursor", "eyJ0IjoxfQ", "e30"):
        with pytest.raises(ValidationFailed) as caught:
            PageRequest.of(10, junk)
        assert caught.value.details[0].field == "after"
