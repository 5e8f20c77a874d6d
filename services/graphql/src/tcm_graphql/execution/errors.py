"""GraphQL errors as clients see them: always `extensions.code`, never internals.

Domain errors keep their message (written for clients) and map to a code; anything graphql-core
reports about the document or the variables is BAD_USER_INPUT; everything else is INTERNAL, logged
with the trace id that the client gets back in `extensions.traceId`.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

from tcm_common.domain.errors import (
    Conflict,
    DomainError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    RateLimited,
    SuiteClosed,
    Unauthenticated,
    ValidationFailed,
    VersionConflict,
)
from tcm_common.web.tracing import current_trace_id

logger = logging.getLogger(__name__)

BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL = "INTERNAL"
INTERNAL_MESSAGE = "internal error; quote the traceId to support"

_CODES: dict[type[DomainError], str] = {
    NotFound: "NOT_FOUND",
    ValidationFailed: BAD_USER_INPUT,
    InvalidTransition: BAD_USER_INPUT,
    VersionConflict: "CONFLICT",
    Conflict: "CONFLICT",
    SuiteClosed: "CONFLICT",
    PermissionDenied: "FORBIDDEN",
    Unauthenticated: "UNAUTHENTICATED",
    RateLimited: "RATE_LIMITED",
}


def domain_error_extensions(error: DomainError) -> dict[str, Any]:
    extensions: dict[str, Any] = {"code": _CODES.get(type(error), BAD_USER_INPUT)}
    if isinstance(error, ValidationFailed):
        # The auth services name fields the Python way; clients know them by the SDL's names.
        extensions["fields"] = [
            {"field": _camel_case(detail.field), "message": detail.message} for detail in error.details
        ]
    if isinstance(error, RateLimited):
        extensions["retryAfterSeconds"] = error.retry_after_seconds
    return extensions


def _camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def simple_error(message: str, code: str) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code}}


def internal_error(error: BaseException, where: str) -> dict[str, Any]:
    trace_id = current_trace_id()
    logger.error("unexpected error in %s", where, exc_info=error, extra={"graphql_path": where})
    return {"message": INTERNAL_MESSAGE, "extensions": {"code": INTERNAL, "traceId": trace_id}}


def format_error(error: GraphQLError) -> dict[str, Any]:
    original = error.original_error
    if isinstance(original, DomainError):
        formatted: dict[str, Any] = {
            "message": original.message,
            "extensions": domain_error_extensions(original),
        }
    elif original is None or isinstance(original, GraphQLError):
        formatted = simple_error(error.message, BAD_USER_INPUT)
    else:
        formatted = internal_error(original, ".".join(str(key) for key in error.path or ()) or "operation")
    if error.locations:
        formatted["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        formatted["path"] = list(error.path)
    return formatted
