"""The one table that sorts every domain error into a category; each protocol maps categories, never
classes, so REST, GraphQL and gRPC give the same kind of answer (docs/errors.md lists what each sends).

    category_of(InvalidTransition("case", "DRAFT", "COMPLETED"))   # ErrorCategory.ILLEGAL_STATE

A class missing from the table takes the category of its nearest base class that is in it, so a new
error that specialises an existing one lands correctly without an entry of its own. A class that
specialises only DomainError has no category until it is added here: the services answer it as an
internal error, and the agreement test (tools/protocol_agreement) fails until it is categorised.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

from tcm_common.domain.errors import (
    ConcurrentChange,
    Conflict,
    DomainError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    RateLimited,
    ServiceUnavailable,
    Unauthenticated,
    ValidationFailed,
    VersionConflict,
)


class ErrorCategory(enum.Enum):
    INVALID_INPUT = "invalid input"  # the request breaks a rule; fix it and send again
    NOT_FOUND = "not found"  # the thing does not exist, or the caller may not know that it does
    CONFLICT = "conflict"  # another write got in first; reload and try again
    ILLEGAL_STATE = "illegal state"  # the current state forbids this; retrying as is will not help
    FORBIDDEN = "forbidden"  # signed in, but the role may not do this
    UNAUTHENTICATED = "unauthenticated"  # no credentials, or they are invalid, expired or revoked
    UNAVAILABLE = "unavailable"  # a dependency is down; retry after a while
    RATE_LIMITED = "rate limited"  # too many attempts; retry after a while


CATEGORIES: Mapping[type[DomainError], ErrorCategory] = MappingProxyType(
    {
        ValidationFailed: ErrorCategory.INVALID_INPUT,
        NotFound: ErrorCategory.NOT_FOUND,
        VersionConflict: ErrorCategory.CONFLICT,
        ConcurrentChange: ErrorCategory.CONFLICT,
        InvalidTransition: ErrorCategory.ILLEGAL_STATE,
        # Conflict is raised when existing data blocks the change (children without cascade, the last
        # Admin, a taken username): the caller must change something else first, so not a retryable race.
        Conflict: ErrorCategory.ILLEGAL_STATE,
        PermissionDenied: ErrorCategory.FORBIDDEN,
        Unauthenticated: ErrorCategory.UNAUTHENTICATED,
        ServiceUnavailable: ErrorCategory.UNAVAILABLE,
        RateLimited: ErrorCategory.RATE_LIMITED,
    }
)


def category_of(error: DomainError | type[DomainError]) -> ErrorCategory | None:
    """The category of the error (or error class): its own entry or its nearest categorised base class.
    None for a class outside the table, which callers must treat as an unexpected (internal) error."""
    kind = error if isinstance(error, type) else type(error)
    for ancestor in kind.__mro__:
        category = CATEGORIES.get(ancestor)
        if category is not None:
            return category
    return None
