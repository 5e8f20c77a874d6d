"""Change events on the wire: the NOTIFY channel and the JSON payload (well under NOTIFY's 8000 bytes)."""

from __future__ import annotations

import json
from uuid import UUID

from tcm_common.domain.events import ChangeEvent, ChangeKind
from tcm_common.persistence.connection_types import DbConnection

CHANNEL = "tcm_changes"


def encode_event(event: ChangeEvent) -> str:
    return json.dumps(
        {
            "suite_id": str(event.suite_id),
            "kind": event.kind.value,
            "entity_id": str(event.entity_id),
            "version": event.version,
        },
        separators=(",", ":"),
    )


def decode_event(payload: str) -> ChangeEvent:
    data = json.loads(payload)
    return ChangeEvent(
        UUID(data["suite_id"]), ChangeKind(data["kind"]), UUID(data["entity_id"]), int(data["version"])
    )


async def notify(connection: DbConnection, event: ChangeEvent) -> None:
    """Inside a transaction PostgreSQL delivers it only at commit, and never after a rollback."""
    await connection.execute("SELECT pg_notify($1, $2)", CHANNEL, encode_event(event))
