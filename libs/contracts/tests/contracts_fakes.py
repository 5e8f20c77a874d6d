"""Small in-memory servicers for the contracts tests: the thing under test is the adapter, the client
and the generated code, not the domain (libs/common does that)."""

from __future__ import annotations

import asyncio
import datetime
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import grpc

from tcm_contracts.generated.testsuite import v1
from tcm_contracts.servicers import Context, EffortServicer, TestSuiteServicer


@dataclass
class CallRecord:
    rpc: str
    metadata: dict[str, str]
    time_remaining: float | None


@dataclass
class FakeSuites(TestSuiteServicer):
    """Suites in a dict; records every call with its metadata; watchers get changes through queues."""

    suites: dict[str, v1.TestSuite] = field(default_factory=dict)
    calls: list[CallRecord] = field(default_factory=list)
    watchers: dict[str, list[asyncio.Queue[v1.WatchTestSuiteResponse]]] = field(default_factory=dict)
    watch_closed: asyncio.Event = field(default_factory=asyncio.Event)

    def record(self, rpc: str, context: Context) -> None:
        metadata = {
            key: value for key, value in (context.invocation_metadata() or ()) if isinstance(value, str)
        }
        self.calls.append(CallRecord(rpc, metadata, context.time_remaining()))

    async def create_test_suite(
        self, request: v1.CreateTestSuiteRequest, context: Context
    ) -> v1.CreateTestSuiteResponse:
        self.record("CreateTestSuite", context)
        now = datetime.datetime.now(datetime.UTC)
        suite = v1.TestSuite(
            id=str(uuid.uuid4()),
            version=1,
            name=request.name,
            description=request.description,
            status=v1.TestSuiteStatus.PREPARATION,
            estimated_start_date=request.estimated_start_date,
            estimated_end_date=request.estimated_end_date,
            require_effort_comment=request.require_effort_comment,
            created_at=now,
            updated_at=now,
        )
        self.suites[suite.id] = suite
        return v1.CreateTestSuiteResponse(test_suite=suite)

    async def get_test_suite(
        self, request: v1.GetTestSuiteRequest, context: Context
    ) -> v1.GetTestSuiteResponse:
        self.record("GetTestSuite", context)
        return v1.GetTestSuiteResponse(test_suite=await self._find(request.id, context))

    async def list_test_suites(
        self, request: v1.ListTestSuitesRequest, context: Context
    ) -> v1.ListTestSuitesResponse:
        self.record("ListTestSuites", context)
        matching = [
            suite
            for suite in self.suites.values()
            if request.status in (v1.TestSuiteStatus.UNSPECIFIED, suite.status)
            and request.search.lower() in suite.name.lower()
        ]
        start = int(request.page_token or 0)
        size = request.page_size or 50
        page = matching[start : start + size]
        next_token = str(start + size) if start + size < len(matching) else ""
        return v1.ListTestSuitesResponse(
            test_suites=page, next_page_token=next_token, total_count=len(matching)
        )

    async def update_test_suite(
        self, request: v1.UpdateTestSuiteRequest, context: Context
    ) -> v1.UpdateTestSuiteResponse:
        self.record("UpdateTestSuite", context)
        suite = await self._find(request.id, context)
        if suite.version != request.version:
            await context.abort(grpc.StatusCode.ABORTED, "stale version")
        if request.name is not None:
            suite.name = request.name
        if request.description is not None:
            suite.description = request.description or None
        suite.version += 1
        await self._publish(suite, v1.TestSuiteChangeKind.UPDATED)
        return v1.UpdateTestSuiteResponse(test_suite=suite)

    async def delete_test_suite(
        self, request: v1.DeleteTestSuiteRequest, context: Context
    ) -> v1.DeleteTestSuiteResponse:
        self.record("DeleteTestSuite", context)
        suite = await self._find(request.id, context)
        del self.suites[suite.id]
        await self._publish(suite, v1.TestSuiteChangeKind.DELETED)
        return v1.DeleteTestSuiteResponse()

    async def watch_test_suite(
        self, request: v1.WatchTestSuiteRequest, context: Context
    ) -> AsyncIterator[v1.WatchTestSuiteResponse]:
        self.record("WatchTestSuite", context)
        suite = await self._find(request.id, context)
        queue: asyncio.Queue[v1.WatchTestSuiteResponse] = asyncio.Queue()
        self.watchers.setdefault(suite.id, []).append(queue)
        try:
            yield v1.WatchTestSuiteResponse(
                suite_id=suite.id,
                kind=v1.TestSuiteChangeKind.SNAPSHOT,
                version=suite.version,
                test_suite=suite,
            )
            while True:
                change = await queue.get()
                yield change
                if change.kind == v1.TestSuiteChangeKind.DELETED:
                    return
        finally:
            self.watchers[suite.id].remove(queue)
            self.watch_closed.set()

    async def _find(self, suite_id: str, context: Context) -> v1.TestSuite:
        suite = self.suites.get(suite_id)
        if suite is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no such suite")
        return suite

    async def _publish(self, suite: v1.TestSuite, kind: v1.TestSuiteChangeKind) -> None:
        change = v1.WatchTestSuiteResponse(
            suite_id=suite.id,
            kind=kind,
            version=suite.version,
            test_suite=None if kind == v1.TestSuiteChangeKind.DELETED else suite,
        )
        for queue in self.watchers.get(suite.id, []):
            await queue.put(change)


@dataclass
class ScriptedEfforts(EffortServicer):
    """Answers each RPC with the scripted status codes first, then with a success; counts calls."""

    failures: dict[str, list[grpc.StatusCode]] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    delay: float = 0.0

    async def _script(self, rpc: str, context: Context) -> None:
        self.calls[rpc] = self.calls.get(rpc, 0) + 1
        if self.delay:
            await asyncio.sleep(self.delay)
        pending = self.failures.get(rpc, [])
        if pending:
            await context.abort(pending.pop(0), f"scripted failure of {rpc}")

    async def record_effort(
        self, request: v1.RecordEffortRequest, context: Context
    ) -> v1.RecordEffortResponse:
        await self._script("RecordEffort", context)
        record = v1.EffortRecord(
            id=str(uuid.uuid4()), case_id=request.case_id, date=request.date, hours=request.hours
        )
        return v1.RecordEffortResponse(effort_record=record)

    async def list_effort_records(
        self, _request: v1.ListEffortRecordsRequest, context: Context
    ) -> v1.ListEffortRecordsResponse:
        await self._script("ListEffortRecords", context)
        return v1.ListEffortRecordsResponse(total_hours=1.5)
