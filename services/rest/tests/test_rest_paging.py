"""The one paging rule over REST (docs/paging.md): every list route pages the same way as GraphQL and gRPC."""

from typing import Any

import asyncpg
import httpx
import pytest
from rest_actors import Actor
from rest_api import expect, problem

from tcm_common.application.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from tcm_common.domain.principal import Role
from tcm_common.testing.long_lists import LENGTH, LongLists, seed_long_lists

LISTS = ("groups", "cases", "history", "efforts")


@pytest.fixture(scope="module")
async def long_lists(migrated_pool: asyncpg.Pool, actors: dict[Role, Actor]) -> LongLists:
    return await seed_long_lists(migrated_pool, actors[Role.MANAGER].user.id)


def path_and_ids(name: str, lists: LongLists) -> tuple[str, list[str]]:
    path, ids = {
        "groups": (f"/api/v1/test-suites/{lists.suite_id}/groups", lists.group_ids),
        "cases": (f"/api/v1/test-groups/{lists.group_id}/cases", lists.case_ids),
        "history": (f"/api/v1/test-cases/{lists.case_id}/history", lists.change_ids),
        "efforts": (f"/api/v1/test-cases/{lists.case_id}/efforts", lists.effort_ids),
    }[name]
    return path, [str(identifier) for identifier in ids]


@pytest.mark.parametrize("name", LISTS)
async def test_default_maximum_and_over_the_maximum(
    name: str, client: httpx.AsyncClient, actors: dict[Role, Actor], long_lists: LongLists
) -> None:
    path, expected = path_and_ids(name, long_lists)
    headers = actors[Role.TESTER].bearer

    default = expect(await client.get(path, headers=headers), 200)
    largest = expect(await client.get(path, params={"limit": MAX_PAGE_SIZE}, headers=headers), 200)
    # Over the maximum is clamped, never refused.
    clamped = expect(await client.get(path, params={"limit": MAX_PAGE_SIZE * 10}, headers=headers), 200)

    assert [item["id"] for item in default["items"]] == expected[:DEFAULT_PAGE_SIZE]
    assert (default["totalCount"], bool(default["nextCursor"])) == (LENGTH, True)
    assert clamped == largest
    assert [item["id"] for item in clamped["items"]] == expected[:MAX_PAGE_SIZE]


@pytest.mark.parametrize("name", LISTS)
async def test_walking_the_pages_returns_every_item_once_in_order(
    name: str, client: httpx.AsyncClient, actors: dict[Role, Actor], long_lists: LongLists
) -> None:
    path, expected = path_and_ids(name, long_lists)
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 7}
    for _ in range(LENGTH):
        page = expect(await client.get(path, params=params, headers=actors[Role.TESTER].bearer), 200)
        seen.extend(item["id"] for item in page["items"])
        if page["nextCursor"] is None:
            break
        params["cursor"] = page["nextCursor"]
    assert seen == expected


@pytest.mark.parametrize("name", LISTS)
async def test_a_bad_cursor_or_limit_is_invalid_input(
    name: str, client: httpx.AsyncClient, actors: dict[Role, Actor], long_lists: LongLists
) -> None:
    path, _ = path_and_ids(name, long_lists)
    other = "cases" if name == "groups" else "groups"
    headers = actors[Role.TESTER].bearer
    foreign = expect(await client.get(path_and_ids(other, long_lists)[0], params={"limit": 1}, headers=headers), 200)

    for cursor in ("garbage", foreign["nextCursor"]):
        refused = problem(await client.get(path, params={"cursor": cursor}, headers=headers), 422, "VALIDATION_FAILED")
        assert [error["field"] for error in refused["errors"]] == ["cursor"]
    for limit in (0, -1):
        refused = problem(await client.get(path, params={"limit": limit}, headers=headers), 400, "INVALID_REQUEST")
        assert [error["field"] for error in refused["errors"]] == ["limit"]


async def test_the_suite_list_clamps_as_well(client: httpx.AsyncClient, actors: dict[Role, Actor]) -> None:
    params = {"limit": MAX_PAGE_SIZE * 10}
    page = expect(await client.get("/api/v1/test-suites", params=params, headers=actors[Role.TESTER].bearer), 200)
    assert len(page["items"]) <= MAX_PAGE_SIZE
