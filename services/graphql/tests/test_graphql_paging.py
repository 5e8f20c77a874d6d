"""The one paging rule over GraphQL (docs/paging.md): every connection pages the same way as REST and gRPC."""

from typing import Any

import asyncpg
import pytest
from graphql_harness import Browser, browser, error_codes

from tcm_common.application.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from tcm_common.auth.testing import create_user, fast_password_hasher
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_common.testing.long_lists import LENGTH, LongLists, seed_long_lists

PAGE = "totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }"
QUERIES = {
    "groups": ("testSuite", "groupsConnection"),
    "cases": ("testGroup", "casesConnection"),
    "history": ("testCase", "historyConnection"),
    "efforts": ("testCase", "effortsConnection"),
}


@pytest.fixture(scope="module")
async def long_lists(migrated_pool: asyncpg.Pool) -> LongLists:
    author = await create_user(migrated_pool, fast_password_hasher(), role=Role.MANAGER)
    return await seed_long_lists(migrated_pool, author.id)


def parent_and_ids(name: str, lists: LongLists) -> tuple[str, list[str]]:
    parent, ids = {
        "groups": (lists.suite_id, lists.group_ids),
        "cases": (lists.group_id, lists.case_ids),
        "history": (lists.case_id, lists.change_ids),
        "efforts": (lists.case_id, lists.effort_ids),
    }[name]
    return str(parent), [str(identifier) for identifier in ids]


def query(name: str) -> str:
    root, connection = QUERIES[name]
    return f"""
query($id: ID!, $first: Int, $after: String) {{
  {root}(id: $id) {{ {connection}(first: $first, after: $after) {{ {PAGE} }} }}
}}"""


async def page(client: Browser, name: str, parent: str, **arguments: Any) -> dict[str, Any]:
    root, connection = QUERIES[name]
    data = await client.data(query(name), {"id": parent, **arguments})
    result: dict[str, Any] = data[root][connection]
    return result


def ids(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


@pytest.mark.parametrize("name", QUERIES)
async def test_default_maximum_and_over_the_maximum(
    name: str, service: str, tester: User, long_lists: LongLists
) -> None:
    parent, expected = parent_and_ids(name, long_lists)
    async with browser(service) as client:
        await client.login(tester.username)
        default = await page(client, name, parent)
        explicit_null = await page(client, name, parent, first=None)
        largest = await page(client, name, parent, first=MAX_PAGE_SIZE)
        clamped = await page(client, name, parent, first=MAX_PAGE_SIZE * 10)

    assert ids(default) == expected[:DEFAULT_PAGE_SIZE]
    assert (default["totalCount"], default["pageInfo"]["hasNextPage"]) == (LENGTH, True)
    assert explicit_null == default
    assert clamped == largest
    assert ids(clamped) == expected[:MAX_PAGE_SIZE]


@pytest.mark.parametrize("name", QUERIES)
async def test_walking_the_pages_returns_every_item_once_in_order(
    name: str, service: str, tester: User, long_lists: LongLists
) -> None:
    parent, expected = parent_and_ids(name, long_lists)
    seen: list[str] = []
    after = None
    async with browser(service) as client:
        await client.login(tester.username)
        for _ in range(LENGTH):
            connection = await page(client, name, parent, first=7, after=after)
            seen.extend(ids(connection))
            assert connection["pageInfo"]["endCursor"] == connection["edges"][-1]["cursor"]
            if not connection["pageInfo"]["hasNextPage"]:
                break
            after = connection["pageInfo"]["endCursor"]
    assert seen == expected


@pytest.mark.parametrize("name", QUERIES)
async def test_a_bad_cursor_or_size_is_bad_user_input(
    name: str, service: str, tester: User, long_lists: LongLists
) -> None:
    parent, _ = parent_and_ids(name, long_lists)
    other = "cases" if name == "groups" else "groups"
    async with browser(service) as client:
        await client.login(tester.username)
        foreign = (await page(client, other, parent_and_ids(other, long_lists)[0], first=1))["pageInfo"]["endCursor"]
        for arguments in ({"after": "garbage"}, {"after": foreign}, {"first": 0}, {"first": -1}):
            response = await client.post(query(name), {"id": parent, **arguments})
            assert error_codes(response) == ["BAD_USER_INPUT"], (arguments, response.json())


async def test_users_and_api_tokens_page_too(service: str, migrated_pool: asyncpg.Pool) -> None:
    admin = await create_user(migrated_pool, fast_password_hasher(), role=Role.ADMIN)
    users = "query($after: String) { usersConnection(first: 2, after: $after) { " + PAGE + " } }"
    tokens = "{ myApiTokensConnection(first: 1000) { totalCount edges { node { id } } } }"
    async with browser(service) as client:
        await client.login(admin.username)
        seen: list[str] = []
        after = None
        while True:
            connection = (await client.data(users, {"after": after}))["usersConnection"]
            seen.extend(ids(connection))
            if not connection["pageInfo"]["hasNextPage"]:
                break
            after = connection["pageInfo"]["endCursor"]
        everyone = (await client.data("{ users { id } }"))["users"]
        own_tokens = (await client.data(tokens))["myApiTokensConnection"]
        foreign = await client.post(users, {"after": "garbage"})
    assert seen == [user["id"] for user in everyone]
    assert str(admin.id) in seen
    assert len(seen) == len(set(seen)) == connection["totalCount"]
    assert own_tokens == {"totalCount": 0, "edges": []}
    assert error_codes(foreign) == ["BAD_USER_INPUT"]
