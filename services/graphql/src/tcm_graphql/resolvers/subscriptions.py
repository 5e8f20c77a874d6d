"""Subscription.testSuiteChanged and testRunChanged: committed changes of one suite or one run, from the
LISTEN/NOTIFY change feed of libs/common, so changes made through any service (or any instance) arrive.
An unknown suite or run is NOT_FOUND at once; the stream completes after its deletion (its last event,
with `suite` or `run` null)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Self

from tcm_common.domain.events import ChangeEvent
from tcm_common.domain.run import TestRun
from tcm_common.domain.suite import TestSuite
from tcm_graphql.execution.context import Info
from tcm_graphql.inputs.ids import parse_id
from tcm_graphql.schema.binding import Resolver


class ChangeStream:
    """Listening from the moment it exists, so that nothing committed after the subscribe call is lost;
    graphql-core closes it (aclose) when the client completes the subscription or goes away."""

    def __init__(self, stack: AsyncExitStack, events: AsyncIterator[ChangeEvent]) -> None:
        self._stack = stack
        self._events = events

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> ChangeEvent:
        try:
            return await anext(self._events)
        except BaseException:
            await self.aclose()
            raise

    async def aclose(self) -> None:
        await self._stack.aclose()


async def subscribe_test_suite_changed(_root: object, info: Info, id: str) -> ChangeStream:
    context = info.context
    # The policy check and the suite's existence are checked here: errors before anything is streamed.
    watching = context.runtime.platform.changes.watch_suite(context.principal, parse_id(id))
    stack = AsyncExitStack()
    watch = await stack.enter_async_context(watching)
    return ChangeStream(stack, watch.events)


async def subscribe_test_run_changed(_root: object, info: Info, id: str) -> ChangeStream:
    context = info.context
    watching = context.runtime.platform.changes.watch_run(context.principal, parse_id(id))
    stack = AsyncExitStack()
    watch = await stack.enter_async_context(watching)
    return ChangeStream(stack, watch.events)


def fresh_event(event: ChangeEvent, info: Info, **_arguments: object) -> ChangeEvent:
    info.context.fresh_loaders()
    return event


async def changed_suite(event: ChangeEvent, info: Info) -> TestSuite | None:
    return await info.context.loaders.suite.load(event.suite_id)


def run_id(event: ChangeEvent, _info: Info) -> str:
    return str(event.entity_id)


async def changed_run(event: ChangeEvent, info: Info) -> TestRun | None:
    view = await info.context.loaders.run.load(event.entity_id)
    return view.run if view is not None else None


SUBSCRIPTION: dict[str, Resolver] = {"testSuiteChanged": fresh_event, "testRunChanged": fresh_event}
SUBSCRIBERS: dict[str, Resolver] = {
    "testSuiteChanged": subscribe_test_suite_changed,
    "testRunChanged": subscribe_test_run_changed,
}
TEST_SUITE_CHANGE: dict[str, Resolver] = {"suite": changed_suite}
TEST_RUN_CHANGE: dict[str, Resolver] = {"runId": run_id, "run": changed_run}
