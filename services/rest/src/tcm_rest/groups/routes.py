"""Groups of a suite (/test-suites/{id}/groups, /group-order) and single groups (/test-groups/{id})."""

from __future__ import annotations

from litestar import Controller, Response, delete, get, patch, post, put
from litestar.params import JSONBody

from tcm_common.application.pagination import DEFAULT_PAGE_SIZE
from tcm_rest.dependencies import Caller, UseCases
from tcm_rest.groups.messages import TestGroup, TestGroupCreate, TestGroupOrder, TestGroupPage, TestGroupUpdate
from tcm_rest.http.etags import IfMatch, expected_version
from tcm_rest.http.pagination import Cursor, Limit, page_request
from tcm_rest.http.parameters import Cascade, GroupId, SuiteId
from tcm_rest.http.problem_docs import BODY_PROBLEMS, problems
from tcm_rest.http.responses import ETAG_HEADER, created, resource
from tcm_rest.paths import location


class TestGroupRoutes(Controller):
    path = "/"
    tags = ("Test groups",)

    @get(
        "/test-suites/{suite_id:uuid}/groups",
        operation_id="listTestGroups",
        # 422: a cursor of another list.
        responses=problems(400, 401, 404, 422),
    )
    async def list_groups(
        self,
        platform: UseCases,
        principal: Caller,
        suite_id: SuiteId,
        limit: Limit = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> TestGroupPage:
        """In display order."""
        page = await platform.groups.list_for_suite(principal, suite_id, page_request(limit, cursor))
        return TestGroupPage(
            items=[TestGroup.of(view) for view in page.nodes],
            next_cursor=page.next_cursor,
            total_count=page.total_count,
        )

    @post(
        "/test-suites/{suite_id:uuid}/groups",
        operation_id="createTestGroup",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 422),
    )
    async def create_group(
        self, platform: UseCases, principal: Caller, suite_id: SuiteId, data: JSONBody[TestGroupCreate]
    ) -> Response[TestGroup]:
        group = await platform.groups.create(principal, suite_id, data.fields())
        return created(TestGroup.of(group), group.version, location("test-groups", group.id))

    @put(
        "/test-suites/{suite_id:uuid}/group-order",
        operation_id="reorderTestGroups",
        # 409 when a concurrent change to one of the groups wins the race.
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 422),
    )
    async def reorder_groups(
        self, platform: UseCases, principal: Caller, suite_id: SuiteId, data: JSONBody[TestGroupOrder]
    ) -> list[TestGroup]:
        """Returns every group of the suite in its new order."""
        return [TestGroup.of(view) for view in await platform.groups.reorder(principal, suite_id, data.group_ids)]

    @get(
        "/test-groups/{group_id:uuid}",
        operation_id="getTestGroup",
        response_headers=[ETAG_HEADER],
        responses=problems(400, 401, 404),
    )
    async def get_group(self, platform: UseCases, principal: Caller, group_id: GroupId) -> Response[TestGroup]:
        group = await platform.groups.get(principal, group_id)
        return resource(TestGroup.of(group), group.version)

    @patch(
        "/test-groups/{group_id:uuid}",
        operation_id="updateTestGroup",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 412, 422, 428),
    )
    async def update_group(
        self,
        platform: UseCases,
        principal: Caller,
        group_id: GroupId,
        data: JSONBody[TestGroupUpdate],
        if_match: IfMatch = None,
    ) -> Response[TestGroup]:
        group = await platform.groups.update(principal, group_id, data.patch(), expected_version(if_match))
        return resource(TestGroup.of(group), group.version)

    @delete(
        "/test-groups/{group_id:uuid}",
        operation_id="deleteTestGroup",
        responses=problems(400, 401, 403, 404, 409, 412, 428),
    )
    async def delete_group(
        self,
        platform: UseCases,
        principal: Caller,
        group_id: GroupId,
        if_match: IfMatch = None,
        cascade: Cascade = False,
    ) -> None:
        version = expected_version(if_match)
        await platform.groups.delete(principal, group_id, cascade=cascade, expected_version=version)
