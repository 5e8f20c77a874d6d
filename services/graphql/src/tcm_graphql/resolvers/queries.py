"""Root query fields."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from tcm_common.application.organisation import Organisation
from tcm_common.application.pagination import MAX_PAGE_SIZE, Page, PageRequest
from tcm_common.application.read_models import Dashboard
from tcm_common.application.run_views import RunView
from tcm_common.auth.ports import ApiTokenInfo, SessionInfo
from tcm_common.domain.case import TestCase
from tcm_common.domain.group import TestGroup
from tcm_common.domain.run import TestRun
from tcm_common.domain.suite import TestSuite
from tcm_common.domain.user import User
from tcm_graphql.execution.context import Info
from tcm_graphql.inputs.fields import Input
from tcm_graphql.inputs.ids import parse_id
from tcm_graphql.inputs.runs import run_filter
from tcm_graphql.inputs.suites import suite_filter
from tcm_graphql.resolvers.connections import page_request
from tcm_graphql.schema.binding import Resolver

_T = TypeVar("_T")


async def me(_root: object, info: Info) -> User | None:
    context = info.context
    if context.principal is None:
        return None
    return await context.loaders.user.load(context.principal.user_id)


async def suite_by_id(_root: object, info: Info, id: str) -> TestSuite | None:
    return await info.context.loaders.suite.load(parse_id(id))


async def suite_page(
    _root: object,
    info: Info,
    first: int | None = None,
    after: str | None = None,
    filter: Input | None = None,
) -> Page[TestSuite]:
    context = info.context
    request = page_request(first, after)
    page = await context.runtime.platform.suites.list(context.principal, suite_filter(filter), request)
    return page.with_nodes([context.loaders.suite_view(view) for view in page.nodes])


async def group_by_id(_root: object, info: Info, id: str) -> TestGroup | None:
    return await info.context.loaders.group.load(parse_id(id))


async def case_by_id(_root: object, info: Info, id: str) -> TestCase | None:
    return await info.context.loaders.case.load(parse_id(id))


async def run_by_id(_root: object, info: Info, id: str) -> TestRun | None:
    view = await info.context.loaders.run.load(parse_id(id))
    return view.run if view is not None else None


async def run_page(
    _root: object,
    info: Info,
    suite_id: str,
    first: int | None = None,
    after: str | None = None,
    filter: Input | None = None,
) -> Page[TestRun]:
    context = info.context
    page: Page[RunView] = await context.runtime.platform.runs.list_for_suite(
        context.principal, parse_id(suite_id, "suiteId"), page_request(first, after), run_filter(filter)
    )
    return page.with_nodes([context.loaders.run_view(view) for view in page.nodes])


async def dashboard(_root: object, info: Info) -> Dashboard:
    context = info.context
    return await context.runtime.platform.dashboard.get(context.principal)


def organisation(_root: object, info: Info) -> Organisation:
    context = info.context
    return context.runtime.platform.organisation.get(context.principal)


async def users(_root: object, info: Info) -> list[User]:
    return await _everything(lambda request: users_page(_root, info, request.size, request.after))


async def users_page(_root: object, info: Info, first: int | None = None, after: str | None = None) -> Page[User]:
    context = info.context
    return await context.runtime.auth.users.list_users(context.signed_in().principal, page_request(first, after))


async def my_sessions(_root: object, info: Info) -> list[SessionInfo]:
    context = info.context
    return await context.runtime.auth.sessions.list_sessions(context.signed_in().principal)


async def my_api_tokens(_root: object, info: Info) -> list[ApiTokenInfo]:
    return await _everything(lambda request: my_api_tokens_page(_root, info, request.size, request.after))


async def my_api_tokens_page(
    _root: object, info: Info, first: int | None = None, after: str | None = None
) -> Page[ApiTokenInfo]:
    context = info.context
    return await context.runtime.auth.api_tokens.list_tokens(context.signed_in().principal, page_request(first, after))


async def _everything(read: Callable[[PageRequest], Awaitable[Page[_T]]]) -> list[_T]:
    """Every page, for the deprecated unpaged fields that predate the connections."""
    items: list[_T] = []
    request = PageRequest.of(MAX_PAGE_SIZE)
    while True:
        page = await read(request)
        items.extend(page.nodes)
        if page.next_cursor is None:
            return items
        request = PageRequest.of(MAX_PAGE_SIZE, page.next_cursor)


QUERY: dict[str, Resolver] = {
    "me": me,
    "testSuite": suite_by_id,
    "testSuites": suite_page,
    "testGroup": group_by_id,
    "testCase": case_by_id,
    "testRun": run_by_id,
    "testRuns": run_page,
    "dashboard": dashboard,
    "organisation": organisation,
    "users": users,
    "usersConnection": users_page,
    "mySessions": my_sessions,
    "myApiTokens": my_api_tokens,
    "myApiTokensConnection": my_api_tokens_page,
}
