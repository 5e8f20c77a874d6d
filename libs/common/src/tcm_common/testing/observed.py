"""Compares what a client saw after two requests that differ in one input (the optional-input tests of
every service): ids, versions, instants and cursors differ between any two requests and are left out."""

import re
from typing import Any

# Keys whose values differ between two otherwise equal requests, whatever they carry.
INCIDENTAL_KEYS = frozenset({"version", "nextCursor", "cursor", "endCursor", "username"})
# Ids (UUIDs) and instants (ISO 8601 in UTC) wherever they appear.
INCIDENTAL_VALUES = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|\d{4}-\d\d-\d\dT[\d:.]+Z")


def essence(seen: Any) -> Any:
    """What a client saw, without what differs between any two requests."""
    if isinstance(seen, dict):
        return {key: essence(value) for key, value in seen.items() if key not in INCIDENTAL_KEYS}
    if isinstance(seen, list):
        return [essence(item) for item in seen]
    if isinstance(seen, str) and INCIDENTAL_VALUES.fullmatch(seen):
        return "<incidental>"
    return seen
