"""GraphQL errors as clients see them: always `extensions.code`, never internals.

Domain errors keep their message (written for clients) and map by their category to a code
(docs/errors.md); anything graphql-core reports about the document or the variables is BAD_USER_INPUT;
everything else is INTERNAL, logged with the trace id that the client gets back in `extensions.traceId`.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

from tcm_common.domain.error_categories import ErrorCategory, category_of
from tcm_common.domain.errors import DomainError, ValidationFailed
from tcm_common.domain.field_names import api_field_name
from tcm_common.web.tracing import current_trace_id

logger = logging.getLogger(__name__)

BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL = "INTERNAL"
INTERNAL_MESSAGE = "internal error; quote the traceId to support"

CATEGORY_CODES: dict[ErrorCategory, str] = {
    ErrorCategory.INVALID_INPUT: BAD_USER_INPUT,
    ErrorCategory.NOT_FOUND: "NOT_FOUND",
    ErrorCategory.CONFLICT: "CONFLICT",
    ErrorCategory.ILLEGAL_STATE: "FAILED_PRECONDITION",
    ErrorCategory.FORBIDDEN: "FORBIDDEN",
    ErrorCategory.UNAUTHENTICATED: "UNAUTHENTICATED",
    ErrorCategory.UNAVAILABLE: "UNAVAILABLE",
    ErrorCategory.RATE_LIMITED: "RATE_LIMITED",
}


def domain_error_payload(error: DomainError, where: str) -> dict[str, Any]:
    """The error as clients see it; INTERNAL (and logged) for an error class that has no category."""
    category = category_of(error)
    if category is None:
        return internal_error(error, where)
    extensions: dict[str, Any] = {"code": CATEGORY_CODES[category]}
    if isinstance(error, ValidationFailed):
        extensions["fields"] = [
            {"field": api_field_name(detail.field), "message": detail.message} for detail in error.details
        ]
    if error.retry_after_seconds is not None:
        extensions["retryAfterSeconds"] = error.retry_after_seconds
    return {"message": error.message, "extensions": extensions}


def simple_error(message: str, code: str) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code}}


def internal_error(error: BaseException, where: str) -> dict[str, Any]:
    trace_id = current_trace_id()
    logger.error("unexpected error in %s", where, exc_info=error, extra={"graphql_path": where})
    return {"message": INTERNAL_MESSAGE, "extensions": {"code": INTERNAL, "traceId": trace_id}}


def format_error(error: GraphQLError) -> dict[str, Any]:
    original = error.original_error
    where = ".".join(str(key) for key in error.path or ()) or "operation"
    if isinstance(original, DomainError):
        formatted = domain_error_payload(original, where)
    elif original is None or isinstance(original, GraphQLError):
        formatted = simple_error(error.message, BAD_USER_INPUT)
    else:
        formatted = internal_error(original, where)
    if error.locations:
        formatted["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        formatted["path"] = list(error.path)
    return formatted
