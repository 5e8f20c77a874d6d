"""The RFC 9457 problem document every error response of the API carries."""

from __future__ import annotations

from typing import Annotated

import msgspec

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:tcm:problem:"


class FieldProblem(msgspec.Struct, frozen=True, kw_only=True):
    """One broken rule: `field` is the JSON name (or path, e.g. `groupIds[2]`) of the offending input."""

    field: str
    message: str


class Problem(msgspec.Struct, frozen=True, kw_only=True, rename="camel", omit_defaults=True):
    """`code` is stable and machine-readable (the same codes as GraphQL's extensions.code family);
    `type` is the URN form of it, as RFC 9457 asks for a URI."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[FieldProblem] = msgspec.field(default_factory=list)
    trace_id: Annotated[
        str | None,
        msgspec.Meta(description="Quote it to support: the logs and traces of this request have it."),
    ] = None
