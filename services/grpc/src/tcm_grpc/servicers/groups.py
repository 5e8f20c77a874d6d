"""testsuite.v1.TestGroupService."""

from __future__ import annotations

from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.group import GroupFields, GroupPatch
from tcm_common.platform import Platform
from tcm_contracts.generated.testsuite import v1
from tcm_contracts.servicers import Context, TestGroupServicer
from tcm_grpc.authentication import current_principal
from tcm_grpc.conversions import given, required_version, uuid_of, uuids_of
from tcm_grpc.messages import case_message, group_message
from tcm_grpc.paging import next_page_token, page_request

# The use cases place a new group last and move groups only by reordering the whole suite.
_USE_REORDER = "is not supported here; use ReorderTestGroups"


class TestGroups(TestGroupServicer):
    def __init__(self, platform: Platform) -> None:
        self._platform = platform

    async def list_test_groups(self, request: v1.ListTestGroupsRequest, _context: Context) -> v1.ListTestGroupsResponse:
        principal = current_principal()
        suite_id = uuid_of(request.suite_id, "suite_id")
        page = await self._platform.groups.list_for_suite(
            principal, suite_id, page_request(request.page_size, request.page_token)
        )
        return v1.ListTestGroupsResponse(
            test_groups=[group_message(view) for view in page.nodes],
            next_page_token=next_page_token(page),
        )

    async def get_test_group(self, request: v1.GetTestGroupRequest, _context: Context) -> v1.GetTestGroupResponse:
        principal = current_principal()
        group = await self._platform.groups.get(principal, uuid_of(request.id, "id"))
        # Embedded in a single read, like REST's include=groups.cases: the whole list, in one batch read.
        cases = await self._platform.group_cases(principal, group.id) if request.include_cases else []
        return v1.GetTestGroupResponse(
            test_group=group_message(group), test_cases=[case_message(view) for view in cases]
        )

    async def create_test_group(
        self, request: v1.CreateTestGroupRequest, _context: Context
    ) -> v1.CreateTestGroupResponse:
        principal = current_principal()
        if request.display_order is not None:
            raise ValidationFailed.single("display_order", _USE_REORDER)
        group = await self._platform.groups.create(
            principal,
            uuid_of(request.suite_id, "suite_id"),
            GroupFields(name=request.name, description=request.description),
        )
        return v1.CreateTestGroupResponse(test_group=group_message(group))

    async def update_test_group(
        self, request: v1.UpdateTestGroupRequest, _context: Context
    ) -> v1.UpdateTestGroupResponse:
        principal = current_principal()
        if request.display_order is not None:
            raise ValidationFailed.single("display_order", _USE_REORDER)
        patch = GroupPatch(name=given(request.name), description=given(request.description))
        group = await self._platform.groups.update(
            principal, uuid_of(request.id, "id"), patch, required_version(request.version)
        )
        return v1.UpdateTestGroupResponse(test_group=group_message(group))

    async def delete_test_group(
        self, request: v1.DeleteTestGroupRequest, _context: Context
    ) -> v1.DeleteTestGroupResponse:
        await self._platform.groups.delete(
            current_principal(),
            uuid_of(request.id, "id"),
            cascade=request.cascade,
            expected_version=request.version,
        )
        return v1.DeleteTestGroupResponse()

    async def reorder_test_groups(
        self, request: v1.ReorderTestGroupsRequest, _context: Context
    ) -> v1.ReorderTestGroupsResponse:
        groups = await self._platform.groups.reorder(
            current_principal(), uuid_of(request.suite_id, "suite_id"), uuids_of(request.group_ids, "group_ids")
        )
        return v1.ReorderTestGroupsResponse(test_groups=[group_message(view) for view in groups])
