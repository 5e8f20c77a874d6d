import pytest

from tcm_common.domain.errors import (
    Conflict,
    DomainError,
    FieldError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
    VersionConflict,
)


def test_every_error_is_a_domain_error_with_a_distinct_code() -> None:
    errors: list[DomainError] = [
        NotFound("test suite", "x"),
        ValidationFailed.single("name", "is required"),
        InvalidTransition("test case", "CREATED", "COMPLETED"),
        VersionConflict("test suite", "x", 3),
        PermissionDenied(),
        Conflict("the suite has groups"),
        Unauthenticated(),
        RateLimited(30),
    ]
    codes = [error.code for error in errors]
    assert len(set(codes)) == len(codes)
    assert all(isinstance(error, DomainError) and error.message for error in errors)


def test_validation_keeps_every_field_detail() -> None:
    error = ValidationFailed([("name", "is required"), ("estimatedEndDate", "must not precede the start")])
    assert error.details == [
        FieldError("name", "is required"),
        FieldError("estimatedEndDate", "must not precede the start"),
    ]
    assert "name: is required" in error.message


def test_validation_without_details_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="at least one"):
        ValidationFailed([])


def test_messages_name_the_problem() -> None:
    assert str(InvalidTransition("test case", "CREATED", "COMPLETED")) == (
        "test case status cannot change from CREATED to COMPLETED"
    )
    assert RateLimited(42).retry_after_seconds == 42
    assert "version 3 is stale" in VersionConflict("test suite", "abc", 3).message
