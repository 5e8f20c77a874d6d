"""Optimistic concurrency: a caller that read version N may change the entity only while it is still N."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from tcm_common.domain.errors import VersionConflict


class Versioned(Protocol):
    @property
    def id(self) -> UUID: ...

    @property
    def version(self) -> int: ...


def ensure_version(resource: str, entity: Versioned, expected_version: int | None) -> None:
    """None means the caller did not ask for a check (the store still refuses concurrent writes)."""
    if expected_version is not None and expected_version != entity.version:
        raise VersionConflict(resource, entity.id, expected_version)
