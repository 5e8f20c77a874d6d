"""testsuite.v1.TestSuiteService, including the WatchTestSuite change stream."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import aclosing

from tcm_common.application.filters import SuiteFilter
from tcm_common.domain.errors import NotFound, ValidationFailed
from tcm_common.domain.events import ChangeKind
from tcm_common.domain.suite import SuiteFields, SuitePatch
from tcm_common.domain.suite_status import SuiteStatus
from tcm_common.platform import Platform
from tcm_contracts.generated.testsuite import v1
from tcm_contracts.servicers import Context, TestSuiteServicer
from tcm_grpc.authentication import current_authentication, current_principal
from tcm_grpc.change_stream import until_stopped
from tcm_grpc.conversions import (
    date_of,
    domain_enum,
    given,
    optional_domain_enum,
    required_date_of,
    required_version,
    uuid_of,
)
from tcm_grpc.messages import suite_message, tree_groups
from tcm_grpc.paging import next_page_token, page_request

_SUITE_CHANGES = {
    # The creation of a suite is always older than its snapshot; its event can still arrive after
    # the subscription started when the watch began right after the creation.
    ChangeKind.SUITE_CREATED: v1.TestSuiteChangeKind.UPDATED,
    ChangeKind.SUITE_UPDATED: v1.TestSuiteChangeKind.UPDATED,
    ChangeKind.SUITE_STATUS_CHANGED: v1.TestSuiteChangeKind.STATUS_CHANGED,
}
"""Changes of the suite's own row, whose events carry the suite's version. Every other event but the
deletion is a change below the suite: CONTENT_CHANGED."""


class TestSuites(TestSuiteServicer):
    def __init__(self, platform: Platform, stopping: asyncio.Event) -> None:
        self._platform = platform
        self._stopping = stopping

    async def list_test_suites(self, request: v1.ListTestSuitesRequest, _context: Context) -> v1.ListTestSuitesResponse:
        principal = current_principal()
        suite_filter = SuiteFilter(
            status=optional_domain_enum(request.status, SuiteStatus, "status"),
            search=request.search or None,
            start_from=date_of(request.start_from, "start_from"),
            end_to=date_of(request.end_to, "end_to"),
        )
        page = await self._platform.suites.list(
            principal, suite_filter, page_request(request.page_size, request.page_token)
        )
        return v1.ListTestSuitesResponse(
            test_suites=[suite_message(view) for view in page.nodes],
            next_page_token=next_page_token(page),
            total_count=page.total_count,
        )

    async def get_test_suite(self, request: v1.GetTestSuiteRequest, _context: Context) -> v1.GetTestSuiteResponse:
        principal = current_principal()
        suite_id = uuid_of(request.id, "id")
        if request.include_groups or request.include_cases:
            tree = await self._platform.suite_tree(principal, suite_id)
            return v1.GetTestSuiteResponse(
                test_suite=suite_message(tree.view),
                groups=tree_groups(tree, include_cases=request.include_cases),
            )
        suite = await self._platform.suites.get(principal, suite_id)
        return v1.GetTestSuiteResponse(test_suite=suite_message(suite))

    async def create_test_suite(
        self, request: v1.CreateTestSuiteRequest, _context: Context
    ) -> v1.CreateTestSuiteResponse:
        fields = SuiteFields(
            name=request.name,
            description=request.description,
            estimated_start_date=required_date_of(request.estimated_start_date, "estimated_start_date"),
            estimated_end_date=required_date_of(request.estimated_end_date, "estimated_end_date"),
            require_effort_comment=request.require_effort_comment,
        )
        suite = await self._platform.suites.create(current_principal(), fields)
        return v1.CreateTestSuiteResponse(test_suite=suite_message(suite))

    async def update_test_suite(
        self, request: v1.UpdateTestSuiteRequest, _context: Context
    ) -> v1.UpdateTestSuiteResponse:
        principal = current_principal()
        patch = SuitePatch(
            name=given(request.name),
            description=given(request.description),
            estimated_start_date=given(date_of(request.estimated_start_date, "estimated_start_date")),
            estimated_end_date=given(date_of(request.estimated_end_date, "estimated_end_date")),
            require_effort_comment=given(request.require_effort_comment),
        )
        suite = await self._platform.suites.update(
            principal, uuid_of(request.id, "id"), patch, required_version(request.version)
        )
        return v1.UpdateTestSuiteResponse(test_suite=suite_message(suite))

    async def delete_test_suite(
        self, request: v1.DeleteTestSuiteRequest, _context: Context
    ) -> v1.DeleteTestSuiteResponse:
        await self._platform.suites.delete(
            current_principal(),
            uuid_of(request.id, "id"),
            cascade=request.cascade,
            expected_version=request.version,
        )
        return v1.DeleteTestSuiteResponse()

    async def change_test_suite_status(
        self, request: v1.ChangeTestSuiteStatusRequest, _context: Context
    ) -> v1.ChangeTestSuiteStatusResponse:
        if request.reason:
            # Suites keep no status history (cases do): refused rather than silently dropped.
            raise ValidationFailed.single(
                "reason", "is not kept for suites (they have no status history); leave it unset"
            )
        principal = current_principal()
        suite = await self._platform.suites.change_status(
            principal,
            uuid_of(request.id, "id"),
            domain_enum(request.status, SuiteStatus, "status"),
            required_version(request.version),
        )
        return v1.ChangeTestSuiteStatusResponse(test_suite=suite_message(suite))

    async def watch_test_suite(
        self, request: v1.WatchTestSuiteRequest, _context: Context
    ) -> AsyncIterator[v1.WatchTestSuiteResponse]:
        authentication = current_authentication()
        principal = authentication.principal
        suite_id = uuid_of(request.id, "id")
        async with (
            self._platform.changes.watch_suite(principal, suite_id) as watch,
            aclosing(until_stopped(watch.events, self._stopping, authentication.expires_at)) as changes,
        ):
            suite = watch.suite
            yield v1.WatchTestSuiteResponse(
                suite_id=str(suite_id),
                kind=v1.TestSuiteChangeKind.SNAPSHOT,
                version=suite.version,
                test_suite=suite_message(suite),
            )
            sent_version = suite.version
            async for event in changes:
                if event.kind is ChangeKind.SUITE_DELETED:
                    yield v1.WatchTestSuiteResponse(
                        suite_id=str(suite_id), kind=v1.TestSuiteChangeKind.DELETED, version=event.version
                    )
                    return
                own_change = _SUITE_CHANGES.get(event.kind)
                if own_change is not None and event.version <= sent_version:
                    # Already in a state sent (the snapshot, or a later state loaded for an earlier event).
                    continue
                kind = v1.TestSuiteChangeKind.CONTENT_CHANGED if own_change is None else own_change
                try:
                    current = await self._platform.suites.get(principal, suite_id)
                except NotFound:
                    continue  # deleted since the event: its DELETED event follows
                sent_version = current.version
                yield v1.WatchTestSuiteResponse(
                    suite_id=str(suite_id),
                    kind=kind,
                    version=current.version,
                    test_suite=suite_message(current),
                )
