"""How each category of domain error shows over HTTP: its status and title (docs/errors.md)."""

from __future__ import annotations

from tcm_common.domain.error_categories import ErrorCategory

CATEGORY_STATUS: dict[ErrorCategory, tuple[int, str]] = {
    ErrorCategory.INVALID_INPUT: (422, "Validation failed"),
    ErrorCategory.NOT_FOUND: (404, "Not found"),
    ErrorCategory.CONFLICT: (409, "Conflict"),
    ErrorCategory.ILLEGAL_STATE: (409, "Not allowed in the current state"),
    ErrorCategory.FORBIDDEN: (403, "Forbidden"),
    ErrorCategory.UNAUTHENTICATED: (401, "Authentication required"),
    ErrorCategory.UNAVAILABLE: (503, "Service unavailable"),
    ErrorCategory.RATE_LIMITED: (429, "Too many attempts"),
}

# A request that carried If-Match and lost to another write failed its precondition.
CONDITIONAL_CONFLICT_STATUS = 412


def status_and_title(category: ErrorCategory, *, conditional: bool) -> tuple[int, str]:
    """`conditional`: the request carried If-Match."""
    status, title = CATEGORY_STATUS[category]
    if category is ErrorCategory.CONFLICT and conditional:
        return CONDITIONAL_CONFLICT_STATUS, "Version conflict"
    return status, title
