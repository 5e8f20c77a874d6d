"""Client of testsuite.v1.TestGroupService: the groups of a suite."""

from __future__ import annotations

from tcm_contracts.client.credentials import Metadata
from tcm_contracts.client.service_client import ServiceClient
from tcm_contracts.descriptors import TEST_GROUP_SERVICE
from tcm_contracts.generated.testsuite import v1


class TestGroupClient(ServiceClient):
    SERVICE = TEST_GROUP_SERVICE

    async def list_test_groups(
        self,
        request: v1.ListTestGroupsRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ListTestGroupsResponse:
        return await self._unary(
            "ListTestGroups", request, v1.ListTestGroupsResponse, timeout=timeout, metadata=metadata
        )

    async def get_test_group(
        self,
        request: v1.GetTestGroupRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.GetTestGroupResponse:
        return await self._unary(
            "GetTestGroup", request, v1.GetTestGroupResponse, timeout=timeout, metadata=metadata
        )

    async def create_test_group(
        self,
        request: v1.CreateTestGroupRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.CreateTestGroupResponse:
        return await self._unary(
            "CreateTestGroup", request, v1.CreateTestGroupResponse, timeout=timeout, metadata=metadata
        )

    async def update_test_group(
        self,
        request: v1.UpdateTestGroupRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.UpdateTestGroupResponse:
        return await self._unary(
            "UpdateTestGroup", request, v1.UpdateTestGroupResponse, timeout=timeout, metadata=metadata
        )

    async def delete_test_group(
        self,
        request: v1.DeleteTestGroupRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.DeleteTestGroupResponse:
        return await self._unary(
            "DeleteTestGroup", request, v1.DeleteTestGroupResponse, timeout=timeout, metadata=metadata
        )

    async def reorder_test_groups(
        self,
        request: v1.ReorderTestGroupsRequest,
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline)
        metadata: Metadata = (),
    ) -> v1.ReorderTestGroupsResponse:
        return await self._unary(
            "ReorderTestGroups", request, v1.ReorderTestGroupsResponse, timeout=timeout, metadata=metadata
        )
