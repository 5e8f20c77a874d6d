"""ETags and If-Match: optimistic concurrency over HTTP.

A resource's ETag is its version ("7"). It is a concurrency token, not a cache validator: computed
values (progress, counts) change without a new version, which is why API responses are never cached.
Updates and deletes must send the ETag they are based on: none is 428, `*` or a list is refused too
(each would let a client overwrite a change it never saw), a stale one is 412. Status changes may
send it (then a stale one is 412 as well).
"""

from __future__ import annotations

import re
from typing import Annotated

from litestar.exceptions import ClientException
from litestar.params import HeaderParameter

_STRONG_ETAG = re.compile(r'^"(\d{1,18})"$')


def etag(version: int) -> str:
    return f'"{version}"'


def etag_header(version: int) -> dict[str, str]:
    return {"ETag": etag(version)}


def expected_version(if_match: str | None) -> int:
    """The version an If-Match header names; 428 when it is missing or names no single version."""
    if if_match is None:
        raise ClientException(
            status_code=428, detail="send If-Match with the ETag of the version you are changing"
        )
    found = _STRONG_ETAG.match(if_match.strip())
    if found is None:
        raise ClientException(
            status_code=428, detail='If-Match must hold exactly one ETag of this API, such as "3"'
        )
    return int(found.group(1))


def expected_version_if_sent(if_match: str | None) -> int | None:
    """For status changes, where If-Match is optional: the workflow itself refuses illegal moves."""
    return None if if_match is None else expected_version(if_match)


IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match",
        required=False,
        description='The ETag of the version this change is based on, e.g. "3".',
    ),
]
