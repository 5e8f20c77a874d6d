"""The one error taxonomy every layer raises and every protocol maps.

Each error has a stable `code` (protocols map it: REST status, GraphQL `extensions.code`, gRPC status)
and a `message` written to be shown to clients: it never carries SQL, stack traces or secrets.

    DomainError
    ├── NotFound            the thing does not exist (or the caller may not know it exists)
    ├── ValidationFailed    input breaks a rule; `details` lists (field, message) pairs, the field
    │                       named as the APIs name it (camelCase: estimatedEndDate, plannedEffort)
    ├── InvalidTransition   a status change the workflow forbids
    ├── VersionConflict     optimistic concurrency: the caller's version is stale
    ├── PermissionDenied    authenticated, but the role may not do this
    ├── Conflict            has children (delete without cascade) or a uniqueness clash
    │   └── SuiteClosed     a write under a COMPLETED suite (docs/domain.md: closed suites)
    ├── Unauthenticated     no or invalid credentials
    └── RateLimited         throttled; retry after `retry_after_seconds`
"""

# The names are the vocabulary of the spec and the services, hence no "Error" suffix.
# ruff: noqa: N818

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, NamedTuple


class DomainError(Exception):
    code: ClassVar[str] = "DOMAIN_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    code = "NOT_FOUND"

    def __init__(self, resource: str, identifier: object) -> None:
        super().__init__(f"{resource} {identifier} was not found")
        self.resource = resource
        self.identifier = identifier


class FieldError(NamedTuple):
    field: str
    message: str


class ValidationFailed(DomainError):
    code = "VALIDATION_FAILED"

    def __init__(self, details: Iterable[tuple[str, str]]) -> None:
        self.details = [FieldError(field, message) for field, message in details]
        if not self.details:
            raise ValueError("ValidationFailed needs at least one field error")
        super().__init__("; ".join(f"{detail.field}: {detail.message}" for detail in self.details))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationFailed:
        return cls([(field, message)])


class InvalidTransition(DomainError):
    code = "INVALID_TRANSITION"

    def __init__(self, entity: str, from_status: str, to_status: str) -> None:
        super().__init__(f"{entity} status cannot change from {from_status} to {to_status}")
        self.entity = entity
        self.from_status = from_status
        self.to_status = to_status


class VersionConflict(DomainError):
    code = "VERSION_CONFLICT"

    def __init__(self, resource: str, identifier: object, expected_version: int) -> None:
        super().__init__(
            f"{resource} {identifier} was changed by someone else (version {expected_version} is stale); "
            "reload it and try again"
        )
        self.resource = resource
        self.identifier = identifier
        self.expected_version = expected_version


class PermissionDenied(DomainError):
    code = "PERMISSION_DENIED"

    def __init__(self, message: str = "you are not allowed to do this") -> None:
        super().__init__(message)


class Conflict(DomainError):
    code = "CONFLICT"


class SuiteClosed(Conflict):
    """The request clashes with the suite's state, not with its input: reopening the suite lifts it."""

    code = "SUITE_CLOSED"

    def __init__(self, suite_id: object) -> None:
        super().__init__(
            f"test suite {suite_id} is COMPLETED: its groups and cases are read-only and no effort can be "
            "recorded; reopen it (status IN_PROGRESS) first"
        )
        self.suite_id = suite_id


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"

    def __init__(self, message: str = "authentication required") -> None:
        super().__init__(message)


class RateLimited(DomainError):
    code = "RATE_LIMITED"

    def __init__(self, retry_after_seconds: int, message: str = "too many attempts; try again later") -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds
