"""TestGroupService over the typed client, a real server and the real database."""

import grpc
import pytest
from grpc_harness import TIMEOUT, Caller, field_violations, new_case, new_group, new_suite

from tcm_contracts.generated.testsuite import v1


async def test_groups_are_created_last_and_listed_in_display_order_page_by_page(
    manager: Caller, tester: Caller
) -> None:
    suite = await new_suite(manager.clients)
    groups = [await new_group(manager.clients, suite.id, name=f"group {index}") for index in range(3)]

    first = await tester.clients.groups.list_test_groups(
        v1.ListTestGroupsRequest(suite_id=suite.id, page_size=2), timeout=TIMEOUT
    )
    second = await tester.clients.groups.list_test_groups(
        v1.ListTestGroupsRequest(suite_id=suite.id, page_size=2, page_token=first.next_page_token),
        timeout=TIMEOUT,
    )

    assert [group.display_order for group in groups] == [0, 1, 2]
    assert [group.id for group in first.test_groups + second.test_groups] == [group.id for group in groups]
    assert first.next_page_token
    assert second.next_page_token == ""


async def test_a_page_token_of_another_list_is_refused(manager: Caller) -> None:
    suite, other = await new_suite(manager.clients), await new_suite(manager.clients)
    for _ in range(2):
        await new_group(manager.clients, suite.id)
    page = await manager.clients.groups.list_test_groups(
        v1.ListTestGroupsRequest(suite_id=suite.id, page_size=1), timeout=TIMEOUT
    )

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await manager.clients.groups.list_test_groups(
            v1.ListTestGroupsRequest(suite_id=other.id, page_token=page.next_page_token), timeout=TIMEOUT
        )

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(field_violations(refused.value)) == {"page_token"}


async def test_get_answers_the_group_and_its_cases_on_request(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    group = await new_group(manager.clients, suite.id)
    case = await new_case(manager.clients, group.id)

    plain = await manager.clients.groups.get_test_group(v1.GetTestGroupRequest(id=group.id), timeout=TIMEOUT)
    with_cases = await manager.clients.groups.get_test_group(
        v1.GetTestGroupRequest(id=group.id, include_cases=True), timeout=TIMEOUT
    )

    assert plain.test_group is not None
    assert plain.test_group.case_count == 1
    assert plain.test_cases == []
    assert [each.id for each in with_cases.test_cases] == [case.id]


async def test_update_renames_and_clears_the_description(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    group = await new_group(manager.clients, suite.id)

    described = await manager.clients.groups.update_test_group(
        v1.UpdateTestGroupRequest(id=group.id, version=group.version, name="smoke", description="quick"),
        timeout=TIMEOUT,
    )
    assert described.test_group is not None
    cleared = await manager.clients.groups.update_test_group(
        v1.UpdateTestGroupRequest(id=group.id, version=described.test_group.version, description=""),
        timeout=TIMEOUT,
    )

    assert (described.test_group.name, described.test_group.description) == ("smoke", "quick")
    assert cleared.test_group is not None
    assert (cleared.test_group.name, cleared.test_group.description) == ("smoke", None)
    assert cleared.test_group.version == group.version + 2


async def test_a_display_order_in_create_or_update_points_to_reorder(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    group = await new_group(manager.clients, suite.id)

    with pytest.raises(grpc.aio.AioRpcError) as on_create:
        await manager.clients.groups.create_test_group(
            v1.CreateTestGroupRequest(suite_id=suite.id, name="first", display_order=0), timeout=TIMEOUT
        )
    with pytest.raises(grpc.aio.AioRpcError) as on_update:
        await manager.clients.groups.update_test_group(
            v1.UpdateTestGroupRequest(id=group.id, version=group.version, display_order=3), timeout=TIMEOUT
        )

    for refused in (on_create.value, on_update.value):
        assert refused.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "ReorderTestGroups" in field_violations(refused)["display_order"]


async def test_reorder_sets_the_order_of_every_group(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    a, b, c = [await new_group(manager.clients, suite.id) for _ in range(3)]

    reordered = await manager.clients.groups.reorder_test_groups(
        v1.ReorderTestGroupsRequest(suite_id=suite.id, group_ids=[c.id, a.id, b.id]), timeout=TIMEOUT
    )
    with pytest.raises(grpc.aio.AioRpcError) as incomplete:
        await manager.clients.groups.reorder_test_groups(
            v1.ReorderTestGroupsRequest(suite_id=suite.id, group_ids=[a.id, b.id]), timeout=TIMEOUT
        )
    listed = await manager.clients.groups.list_test_groups(v1.ListTestGroupsRequest(suite_id=suite.id), timeout=TIMEOUT)

    assert [group.id for group in reordered.test_groups] == [c.id, a.id, b.id]
    assert [group.display_order for group in reordered.test_groups] == [0, 1, 2]
    assert [group.id for group in listed.test_groups] == [c.id, a.id, b.id]
    assert incomplete.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(field_violations(incomplete.value)) == {"group_ids"}


async def test_delete_needs_cascade_for_a_group_with_cases(manager: Caller) -> None:
    suite = await new_suite(manager.clients)
    group = await new_group(manager.clients, suite.id)
    await new_case(manager.clients, group.id)

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await manager.clients.groups.delete_test_group(v1.DeleteTestGroupRequest(id=group.id), timeout=TIMEOUT)
    await manager.clients.groups.delete_test_group(
        v1.DeleteTestGroupRequest(id=group.id, cascade=True, version=group.version), timeout=TIMEOUT
    )
    remaining = await manager.clients.groups.list_test_groups(
        v1.ListTestGroupsRequest(suite_id=suite.id), timeout=TIMEOUT
    )

    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert remaining.test_groups == []
