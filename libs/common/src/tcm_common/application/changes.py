"""Subscriptions to committed changes, for GraphQL subscriptions and the gRPC watch stream.

    async with platform.changes.subscribe(principal, suite_id) as events:
        async for event in events: ...

Subscribe first, then load the current state, so that no change falls between the two.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from typing import Protocol
from uuid import UUID

from tcm_common.application.policy import Action, authorize
from tcm_common.domain.events import ChangeEvent
from tcm_common.domain.principal import Principal


class SubscriptionLost(Exception):  # noqa: N818 - reads as what happened, like the domain errors
    """The stream broke and events may be missing: reload the state and subscribe again."""


class ChangeSource(Protocol):
    """Ends a subscription with SubscriptionLost when it can no longer promise every event."""

    def subscribe(
        self, suite_id: UUID | None = None
    ) -> AbstractAsyncContextManager[AsyncIterator[ChangeEvent]]: ...


class ChangeSubscriptions:
    def __init__(self, source: ChangeSource) -> None:
        self._source = source

    def subscribe(
        self, principal: Principal | None, suite_id: UUID | None = None
    ) -> AbstractAsyncContextManager[AsyncIterator[ChangeEvent]]:
        authorize(principal, Action.READ)
        return self._source.subscribe(suite_id)
