"""Every connection type (TestSuiteConnection, TestGroupConnection, ...) is a page of the one paging
rule (docs/paging.md): `edges` and `totalCount` are attributes of the page, and so are PageInfo's."""

from __future__ import annotations

from typing import Any

from tcm_common.application.pagination import Page, PageRequest
from tcm_graphql.execution.context import Info
from tcm_graphql.schema.binding import Resolver

CONNECTION_TYPES = (
    "TestSuiteConnection",
    "TestGroupConnection",
    "TestCaseConnection",
    "StatusChangeConnection",
    "EffortRecordConnection",
    "TestRunConnection",
    "UserConnection",
    "ApiTokenConnection",
)


def page_request(first: int | None, after: str | None) -> PageRequest:
    return PageRequest.of(first, after)


def page_info(page: Page[Any], _info: Info) -> Page[Any]:
    # PageInfo's fields (hasNextPage, endCursor) are properties of the page itself.
    return page


CONNECTION: dict[str, Resolver] = {"pageInfo": page_info}
