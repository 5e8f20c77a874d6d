"""ETags and If-Match: optimistic concurrency over HTTP.

A resource's ETag is its version ("7"). It is a concurrency token, not a cache validator: computed
values (progress, counts) change without a new version, which is why API responses are never cached.
Updates, deletes and status changes must send the ETag they are based on (428 without it, 412 when
stale), as GraphQL clients send the version. `*` and lists are refused by the schema: each would let a
client overwrite a change it never saw.
"""

from __future__ import annotations

from typing import Annotated

from litestar.exceptions import ClientException
from litestar.params import HeaderParameter

from tcm_rest.http.parameters import PLAIN_STRING

ETAG_PATTERN = r'^"\d{1,18}"$'


def etag(version: int) -> str:
    return f'"{version}"'


def _version(if_match: str) -> int:
    return int(if_match.strip('"'))  # the parameter's pattern admits nothing else


def expected_version(if_match: str | None) -> int:
    """The version an If-Match header names; 428 when there is none."""
    if if_match is None:
        raise ClientException(status_code=428, detail="send If-Match with the ETag of the version you are changing")
    return _version(if_match)


def expected_version_if_sent(if_match: str | None) -> int | None:
    return None if if_match is None else _version(if_match)


_DESCRIPTION = 'The ETag of the version this change is based on, e.g. "3".'

# Documented as required, but checked in the handler, so that a missing one is 428 rather than 400.
IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match", required=True, pattern=ETAG_PATTERN, description=_DESCRIPTION, schema_extra=PLAIN_STRING
    ),
]
