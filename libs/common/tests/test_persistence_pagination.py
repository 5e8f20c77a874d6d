"""The one paging rule (docs/paging.md) and the keyset pages of every list, against the real database."""

import base64
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest

from tcm_common.application.filters import SuiteFilter
from tcm_common.application.list_orders import HISTORY_OLDEST_FIRST, SUITES_NEWEST_FIRST
from tcm_common.application.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Keyset, Page, PageRequest
from tcm_common.application.read_models import SuiteView
from tcm_common.domain.case import CaseFields
from tcm_common.domain.case_status import CaseStatus
from tcm_common.domain.effort import EffortFields
from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.group import GroupFields
from tcm_common.domain.principal import Principal
from tcm_common.domain.suite import SuiteFields
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.persistence import paged_lists
from tcm_common.persistence.auth.api_tokens import UNREVOKED_TOKENS
from tcm_common.persistence.keyset import KeysetList
from tcm_common.platform import Platform
from tcm_common.testing.clock import FIXED_NOW

TODAY = FIXED_NOW.date()  # the platform fixture's clock
PageOf = Callable[[PageRequest], Awaitable[Page[Any]]]


async def make(platform: Platform, manager: Principal, name: str, start: int = 1, end: int = 20) -> SuiteView:
    return await platform.suites.create(manager, SuiteFields(name, date(2026, 3, start), date(2026, 3, end)))


async def walk(read: PageOf, size: int) -> tuple[list[Any], int]:
    """Every item over all pages, following the cursors, and the number of pages read."""
    seen: list[Any] = []
    after: str | None = None
    pages = 0
    while True:
        page = await read(PageRequest.of(size, after))
        pages += 1
        seen.extend(page.nodes)
        if not page.has_next_page:
            assert page.next_cursor is None
            return seen, pages
        after = page.next_cursor


def test_the_rule_default_maximum_and_too_small() -> None:
    assert PageRequest.of().size == DEFAULT_PAGE_SIZE == 20
    assert PageRequest.of(MAX_PAGE_SIZE).size == MAX_PAGE_SIZE == 100
    # Over the maximum is clamped, never refused: the same answer on every protocol.
    assert PageRequest.of(MAX_PAGE_SIZE + 1).size == MAX_PAGE_SIZE
    assert PageRequest.of(10**9).size == MAX_PAGE_SIZE
    for too_small in (0, -1):
        with pytest.raises(ValidationFailed) as caught:
            PageRequest.of(too_small, size_field="limit")
        assert caught.value.details[0].field == "limit"


def test_a_cursor_is_refused_unless_issued_for_this_very_list() -> None:
    parent, other_parent = uuid4(), uuid4()
    key = (datetime(2026, 3, 1, 12, 30, 0, 123456, tzinfo=UTC), uuid4())
    issued = HISTORY_OLDEST_FIRST.cursor(str(parent), key)
    assert PageRequest.of(5, issued).position(HISTORY_OLDEST_FIRST, str(parent)) == key

    raw = base64.urlsafe_b64decode(issued + "=" * (-len(issued) % 4)).decode()
    edited = base64.urlsafe_b64encode(raw.replace(str(key[1]), "not-a-uuid").encode()).decode()
    foreign: list[tuple[str, Keyset[Any], str]] = [
        ("not-a-cursor", HISTORY_OLDEST_FIRST, str(parent)),
        ("e30", HISTORY_OLDEST_FIRST, str(parent)),
        (edited, HISTORY_OLDEST_FIRST, str(parent)),
        (issued, HISTORY_OLDEST_FIRST, str(other_parent)),  # another case's history
        (issued, SUITES_NEWEST_FIRST, ""),  # another list
        ("x" * 401, HISTORY_OLDEST_FIRST, str(parent)),
    ]
    for cursor, keyset, scope in foreign:
        with pytest.raises(ValidationFailed) as caught:
            PageRequest.of(5, cursor, cursor_field="page_token").position(keyset, scope)
        assert caught.value.details[0].field == "page_token"


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


async def test_search_wildcards_are_literal(platform: Platform, manager: Principal) -> None:
    token = uuid4().hex
    percent = await make(platform, manager, f"{token} 100%_done")
    await make(platform, manager, f"{token} 100 and done")
    page = await platform.suites.list(manager, SuiteFilter(search=f"{token} 100%_"), PageRequest.of(10))
    assert page.nodes == [percent]


async def test_every_sub_list_walks_each_item_once_in_order(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    suite = await make(platform, manager, f"Walk {uuid4().hex}")
    groups = [await platform.groups.create(manager, suite.id, GroupFields(f"G{n}")) for n in range(7)]
    groups = await platform.groups.reorder(manager, suite.id, [group.id for group in reversed(groups)])
    cases = [await platform.cases.create(manager, groups[0].id, CaseFields(f"C{n}")) for n in range(7)]
    case = cases[0]
    workflow = [CaseStatus.TESTING, *[CaseStatus.FIXING, CaseStatus.RETESTING] * 3, CaseStatus.FIXING]
    for status in workflow:
        await platform.cases.change_status(tester, case.id, status)
    for days_ago, hours in ((0, "1"), (3, "2"), (0, "3"), (1, "4"), (3, "5"), (2, "6"), (0, "7")):
        await platform.efforts.record(tester, case.id, EffortFields(TODAY - timedelta(days=days_ago), Decimal(hours)))

    walked_groups, pages = await walk(lambda r: platform.groups.list_for_suite(tester, suite.id, r), 3)
    assert ([view.group for view in walked_groups], pages) == ([view.group for view in groups], 3)
    walked_cases, _ = await walk(lambda r: platform.cases.list_for_group(tester, groups[0].id, r), 2)
    assert [c.id for c in walked_cases] == [c.id for c in cases]
    entries, pages = await walk(lambda r: platform.cases.history(tester, case.id, r), 3)
    history = [entry.change for entry in entries]
    assert (pages, len(history)) == (3, 8)
    assert history == sorted(history, key=lambda change: (change.changed_at, change.id))
    assert len({change.id for change in history}) == 8
    efforts, _ = await walk(lambda r: platform.efforts.list_for_case(tester, case.id, r), 2)
    assert [entry.record.hours for entry in efforts] == [Decimal(h) for h in ("2", "5", "6", "4", "1", "3", "7")]
    backwards, _ = await walk(lambda r: platform.efforts.list_for_case(tester, case.id, r, newest_first=True), 3)
    assert backwards == efforts[::-1]

    only_testing = await platform.cases.list_for_group(
        tester, groups[0].id, PageRequest.of(), status=CaseStatus.FIXING
    )
    assert (only_testing.nodes, only_testing.total_count) == ([await platform.cases.get(tester, case.id)], 1)


async def test_a_cursor_of_one_parent_is_invalid_for_another(platform: Platform, manager: Principal) -> None:
    suite = await make(platform, manager, f"Foreign {uuid4().hex}")
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))
    other = await platform.groups.create(manager, suite.id, GroupFields("H"))
    for n in range(2):
        await platform.cases.create(manager, group.id, CaseFields(f"C{n}"))
    first = await platform.cases.list_for_group(manager, group.id, PageRequest.of(1))
    with pytest.raises(ValidationFailed):
        await platform.cases.list_for_group(manager, other.id, PageRequest.of(1, first.next_cursor))
    with pytest.raises(ValidationFailed):
        await platform.groups.list_for_suite(manager, suite.id, PageRequest.of(1, first.next_cursor))


async def test_batched_pages_are_the_pages_of_each_parent(
    platform: Platform, manager: Principal, tester: Principal
) -> None:
    suite = await make(platform, manager, f"Batch {uuid4().hex}")
    group = await platform.groups.create(manager, suite.id, GroupFields("G"))
    cases = [await platform.cases.create(manager, group.id, CaseFields(f"C{n}")) for n in range(3)]
    for case, changes in zip(cases, (0, 1, 3), strict=True):
        for status in (CaseStatus.TESTING, CaseStatus.FIXING, CaseStatus.RETESTING)[:changes]:
            await platform.cases.change_status(tester, case.id, status)
    ids = [case.id for case in cases] + [uuid4()]
    loaders = platform.loaders(tester)
    request = PageRequest.of(2)
    pages = await loaders.history_pages(ids, request)
    assert [(len(page.nodes), page.total_count, page.has_next_page) for page in pages] == [
        (0, 0, False),
        (1, 1, False),
        (2, 3, True),
        (0, 0, False),
    ]
    for case, page in zip(cases, pages[:3], strict=True):
        entries = await platform.cases.history(tester, case.id, request)
        assert page == entries.with_nodes([entry.change for entry in entries.nodes])
    [rest] = await loaders.history_pages([cases[2].id], PageRequest.of(2, pages[2].next_cursor))
    assert [change.to_status for change in rest.nodes] == [CaseStatus.RETESTING]
    with pytest.raises(ValidationFailed):
        await loaders.history_pages(ids, PageRequest.of(2, pages[2].next_cursor))
    [groups] = await loaders.group_pages([suite.id], PageRequest.of())
    [group_cases] = await loaders.case_pages([group.id], PageRequest.of(2))
    [efforts] = await loaders.effort_pages([cases[0].id], PageRequest.of())
    assert (groups.nodes, [c.id for c in group_cases.nodes], efforts.total_count) == ([group.group], ids[:2], 0)


@pytest.mark.parametrize(
    ("listing", "index"),
    [
        (paged_lists.GROUPS, "test_groups_suite_order_key"),
        (paged_lists.CASES, "test_cases_group_id_created_at_idx"),
        (paged_lists.HISTORY, "status_changes_case_id_changed_at_idx"),
        (paged_lists.EFFORTS, "effort_records_case_id_work_date_idx"),
        (paged_lists.EFFORTS_BACKWARDS, "effort_records_case_id_work_date_idx"),
        (paged_lists.RUNS, "test_runs_suite_id_created_at_idx"),
        (UNREVOKED_TOKENS, "api_tokens_unrevoked_owner_created_idx"),
    ],
)
async def test_a_page_after_a_cursor_walks_the_list_index(
    migrated_pool: asyncpg.Pool, listing: KeysetList[Any], index: str
) -> None:
    filters = [None] if listing in (paged_lists.CASES, paged_lists.RUNS) else []
    samples = {datetime: datetime.now(UTC), date: TODAY, int: 3, UUID: uuid4(), str: "x"}
    position = [samples[kind] for kind in listing.keyset.types]
    async with migrated_pool.acquire() as connection, connection.transaction():
        # As on a large table: the planner may not prefer a scan of the whole table.
        await connection.execute("SET LOCAL enable_seqscan = off")
        plan = await connection.fetchval(
            "EXPLAIN (FORMAT JSON) " + listing.statement(len(filters), after=True), uuid4(), *filters, *position, 21
        )
    assert index in plan
    assert '"Sort"' not in plan  # the index gives the order: no reading the whole list to sort it
