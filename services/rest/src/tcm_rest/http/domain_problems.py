"""How each error of the domain taxonomy shows over HTTP: its status and title."""

from __future__ import annotations

from tcm_common.domain.errors import (
    Conflict,
    DomainError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
    VersionConflict,
)

# Most specific first: the first class an error is an instance of decides.
DOMAIN_STATUS: list[tuple[type[DomainError], int, str]] = [
    (ValidationFailed, 422, "Validation failed"),
    (NotFound, 404, "Not found"),
    (InvalidTransition, 409, "Status change not allowed"),
    (VersionConflict, 412, "Version conflict"),
    (Conflict, 409, "Conflict"),
    (PermissionDenied, 403, "Forbidden"),
    (Unauthenticated, 401, "Authentication required"),
    (RateLimited, 429, "Too many attempts"),
]

# A version conflict without If-Match means a concurrent write won the race, not a stale precondition.
UNCONDITIONAL_VERSION_CONFLICT_STATUS = 409


def status_and_title(error: DomainError) -> tuple[int, str] | None:
    """None for an error this table does not know yet, which must then not reach the client as is."""
    for kind, status, title in DOMAIN_STATUS:
        if isinstance(error, kind):
            return status, title
    return None
