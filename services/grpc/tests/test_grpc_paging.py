"""The one paging rule over gRPC (docs/paging.md): every List RPC pages the same way as REST and GraphQL."""

from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import grpc
import pytest
from grpc_harness import TIMEOUT, Caller, field_violations

from tcm_common.application.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from tcm_common.testing.long_lists import LENGTH, LongLists, seed_long_lists
from tcm_contracts.generated.testsuite import v1

# A page of one list: (page_size, page_token) -> (item ids, next_page_token)
Lister = Callable[[int, str], Awaitable[tuple[list[str], str]]]


@pytest.fixture(scope="module")
async def long_lists(migrated_pool: asyncpg.Pool, manager: Caller) -> LongLists:
    return await seed_long_lists(migrated_pool, manager.user.id)


def listers(caller: Caller, lists: LongLists) -> dict[str, tuple[Lister, list[str]]]:
    clients = caller.clients

    async def groups(size: int, token: str) -> tuple[list[str], str]:
        request = v1.ListTestGroupsRequest(suite_id=str(lists.suite_id), page_size=size, page_token=token)
        response = await clients.groups.list_test_groups(request, timeout=TIMEOUT)
        return [group.id for group in response.test_groups], response.next_page_token

    async def cases(size: int, token: str) -> tuple[list[str], str]:
        request = v1.ListTestCasesRequest(group_id=str(lists.group_id), page_size=size, page_token=token)
        response = await clients.cases.list_test_cases(request, timeout=TIMEOUT)
        return [case.id for case in response.test_cases], response.next_page_token

    async def history(size: int, token: str) -> tuple[list[str], str]:
        request = v1.ListTestCaseHistoryRequest(case_id=str(lists.case_id), page_size=size, page_token=token)
        response = await clients.cases.list_test_case_history(request, timeout=TIMEOUT)
        return [change.id for change in response.status_changes], response.next_page_token

    async def efforts(size: int, token: str) -> tuple[list[str], str]:
        request = v1.ListEffortRecordsRequest(case_id=str(lists.case_id), page_size=size, page_token=token)
        response = await clients.efforts.list_effort_records(request, timeout=TIMEOUT)
        return [record.id for record in response.effort_records], response.next_page_token

    def ids(values: list[Any]) -> list[str]:
        return [str(value) for value in values]

    return {
        "groups": (groups, ids(lists.group_ids)),
        "cases": (cases, ids(lists.case_ids)),
        "history": (history, ids(lists.change_ids)),
        # The contract lists efforts newest first.
        "efforts": (efforts, ids(lists.effort_ids[::-1])),
    }


LISTS = ("groups", "cases", "history", "efforts")


@pytest.mark.parametrize("name", LISTS)
async def test_default_maximum_and_over_the_maximum(name: str, tester: Caller, long_lists: LongLists) -> None:
    lister, expected = listers(tester, long_lists)[name]
    default, token = await lister(0, "")
    assert (default, bool(token)) == (expected[:DEFAULT_PAGE_SIZE], True)
    largest, _ = await lister(MAX_PAGE_SIZE, "")
    clamped, token = await lister(MAX_PAGE_SIZE * 10, "")
    assert clamped == largest == expected[:MAX_PAGE_SIZE]
    assert token


@pytest.mark.parametrize("name", LISTS)
async def test_walking_the_pages_returns_every_item_once_in_order(
    name: str, tester: Caller, long_lists: LongLists
) -> None:
    lister, expected = listers(tester, long_lists)[name]
    seen: list[str] = []
    token = ""
    for _ in range(LENGTH):
        page, token = await lister(7, token)
        seen.extend(page)
        if not token:
            break
    assert seen == expected


@pytest.mark.parametrize("name", LISTS)
async def test_a_bad_token_or_size_is_invalid_argument(name: str, tester: Caller, long_lists: LongLists) -> None:
    lister, _ = listers(tester, long_lists)[name]
    _, groups_token = await listers(tester, long_lists)["groups"][0](1, "")
    foreign = groups_token if name != "groups" else (await listers(tester, long_lists)["cases"][0](1, ""))[1]
    for size, token, field in ((1, "garbage", "page_token"), (1, foreign, "page_token"), (-1, "", "page_size")):
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await lister(size, token)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert set(field_violations(refused.value)) == {field}
