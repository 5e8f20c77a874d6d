"""Subscriptions to committed changes, for GraphQL subscriptions and the gRPC watch stream.

    async with platform.changes.watch_suite(principal, suite_id) as watch:   # NotFound: no such suite
        watch.suite                           # the suite as it was once the subscription listened
        async for event in watch.events: ...  # ends after the suite's deletion (SUITE_DELETED is the last)
    async with platform.changes.watch_run(principal, run_id) as watch:       # NotFound: no such run
        watch.run                             # the run as it was once the subscription listened
        async for event in watch.events: ...  # the run's own events; ends after its deletion (RUN_DELETED)

Subscribe first, then load the current state, so that no change falls between the two. Both protocols
watch through this one use case: an unknown suite is NOT_FOUND on each, and a deletion ends each stream.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Protocol, Self
from uuid import UUID

from tcm_common.application.lookup import found, suite_of
from tcm_common.application.policy import Action, authorize
from tcm_common.application.read_models import SuiteView
from tcm_common.application.run_ports import RunUnitOfWorkFactory
from tcm_common.application.run_views import RunView
from tcm_common.application.views import suite_views
from tcm_common.domain.errors import ServiceUnavailable
from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.domain.principal import Principal
from tcm_common.domain.run import TestRun

_RUN = "test run"


class SubscriptionLost(ServiceUnavailable):
    """The stream broke and events may be missing: reload the state and subscribe again (every protocol
    answers it as unavailable, docs/errors.md)."""

    code = "SUBSCRIPTION_LOST"

    def __init__(self, message: str) -> None:
        super().__init__(f"{message}; reload and subscribe again", retry_after_seconds=1)


class ChangeSource(Protocol):
    """Ends a subscription with SubscriptionLost when it can no longer promise every event."""

    def subscribe(
        self, suite_id: UUID | None = None
    ) -> AbstractAsyncContextManager[AsyncIterator[ChangeEvent]]: ...


@dataclass(frozen=True, slots=True)
class SuiteWatch:
    suite: SuiteView
    events: AsyncIterator[ChangeEvent]


@dataclass(frozen=True, slots=True)
class RunWatch:
    run: RunView
    events: AsyncIterator[ChangeEvent]


class ChangeSubscriptions:
    def __init__(self, source: ChangeSource, unit_of_work: RunUnitOfWorkFactory) -> None:
        self._source = source
        self._unit_of_work = unit_of_work

    def subscribe(
        self, principal: Principal | None, suite_id: UUID | None = None
    ) -> AbstractAsyncContextManager[AsyncIterator[ChangeEvent]]:
        """Every event (of one suite, or of all): for listeners that need no snapshot."""
        authorize(principal, Action.READ)
        return self._source.subscribe(suite_id)

    @asynccontextmanager
    async def watch_suite(self, principal: Principal | None, suite_id: UUID) -> AsyncIterator[SuiteWatch]:
        authorize(principal, Action.READ)
        async with self._source.subscribe(suite_id) as events:
            async with self._unit_of_work(read_only=True) as uow:
                [suite] = await suite_views(uow.reads, [await suite_of(uow, suite_id)])
            yield SuiteWatch(suite, _UntilDeleted(events))

    @asynccontextmanager
    async def watch_run(self, principal: Principal | None, run_id: UUID) -> AsyncIterator[RunWatch]:
        """The events of one run (docs/domain-runs.md, "Change events"): those whose entity is the run, up
        to its deletion. The deletion of its suite deletes the run too and is answered as RUN_DELETED."""
        authorize(principal, Action.READ)
        async with self._unit_of_work() as uow:
            suite_id = found(await uow.runs.get(run_id), _RUN, run_id).suite_id
        async with self._source.subscribe(suite_id) as events:
            async with self._unit_of_work() as uow:
                # Read again once listening: a change in between is then either in `run` or an event.
                run = await uow.runs.view(found(await uow.runs.get(run_id), _RUN, run_id))
            yield RunWatch(run, _RunEvents(events, run.run))


class _UntilDeleted:
    """The events up to and including the suite's deletion. A plain iterator, not an async generator:
    callers may wait for the next event in a task they cancel, and nothing here needs closing."""

    def __init__(self, events: AsyncIterator[ChangeEvent]) -> None:
        self._events = events
        self._deleted = False

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> ChangeEvent:
        if self._deleted:
            raise StopAsyncIteration
        event = await anext(self._events)
        self._deleted = event.kind is ChangeKind.SUITE_DELETED
        return event


class _RunEvents:
    """The events of one run up to and including its deletion (a plain iterator, as _UntilDeleted)."""

    def __init__(self, events: AsyncIterator[ChangeEvent], run: TestRun) -> None:
        self._events = events
        self._run_id = run.id
        self._version = run.version  # the last known, for the deletion by the suite's
        self._deleted = False

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> ChangeEvent:
        while not self._deleted:
            event = await anext(self._events)
            if event.kind is ChangeKind.SUITE_DELETED:
                event = ChangeEvent(event.suite_id, ChangeKind.RUN_DELETED, self._run_id, self._version)
            if event.entity_id != self._run_id:
                continue
            self._version = max(self._version, event.version)
            self._deleted = event.kind is ChangeKind.RUN_DELETED
            return event
        raise StopAsyncIteration
