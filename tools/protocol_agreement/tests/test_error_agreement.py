"""Every domain error gets the same kind of answer over REST, GraphQL and gRPC: the one of its category
in the table of docs/errors.md.

The classes are found by walking the subclasses of DomainError after importing every module of the
libs and the services that each service's application pulls in, so a new error class cannot be left
out; each is run through the function each service answers domain errors with.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from google.rpc import error_details_pb2

import tcm_common
import tcm_graphql
import tcm_graphql.app
import tcm_grpc
import tcm_grpc.server
import tcm_rest
import tcm_rest.app
from tcm_common.domain.error_categories import CATEGORIES, ErrorCategory, category_of
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
from tcm_graphql.execution.errors import domain_error_payload
from tcm_grpc.errors import status_of
from tcm_rest.http.error_responses import domain_problem

ERRORS_DOC = Path("docs", "errors.md")

# One instance of each error the domain defines; a subclass found elsewhere is tried as a copy of the
# instance of its nearest base class here (its own constructor may want anything).
SAMPLES: dict[type[DomainError], DomainError] = {
    sample.__class__: sample
    for sample in (
        ValidationFailed([("title", "is required"), ("new_password", "is too short")]),
        NotFound("suite", "4b8e0b3c"),
        InvalidTransition("case", "DRAFT", "COMPLETED"),
        VersionConflict("suite", "4b8e0b3c", 3),
        ConcurrentChange(),
        PermissionDenied(),
        Conflict("the group has cases; delete with cascade"),
        Unauthenticated(),
        RateLimited(30),
        ServiceUnavailable(),
    )
}


@dataclass(frozen=True)
class Row:
    """What docs/errors.md says a category answers."""

    classes: frozenset[str]
    rest_status: int
    rest_conditional_status: int
    retry_after: bool
    graphql_code: str
    grpc_code: str


def documented_table() -> dict[ErrorCategory, Row]:
    rows: dict[ErrorCategory, Row] = {}
    for line in ERRORS_DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] not in {category.value for category in ErrorCategory}:
            continue
        name, classes, rest, graphql, grpc_code = cells
        statuses = [int(found) for found in re.findall(r"\b\d{3}\b", rest)]
        rows[ErrorCategory(name)] = Row(
            classes=frozenset(part.strip() for part in classes.split(",")),
            rest_status=statuses[0],
            rest_conditional_status=statuses[-1],
            retry_after="Retry-After" in rest,
            graphql_code=graphql,
            grpc_code=grpc_code,
        )
    return rows


def _import_everything(package: ModuleType) -> None:
    for module in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)


def every_domain_error_class() -> list[type[DomainError]]:
    # The applications (imported above) bring every module they run with into the test's sources;
    # their packages are walked for any module that only a name, not an import, reaches.
    for package in (tcm_common, tcm_rest, tcm_graphql, tcm_grpc):
        _import_everything(package)
    found: list[type[DomainError]] = []
    pending = [DomainError]
    while pending:
        kind = pending.pop()
        for subclass in kind.__subclasses__():
            if subclass not in found:
                found.append(subclass)
                pending.append(subclass)
    return sorted(found, key=lambda kind: f"{kind.__module__}.{kind.__qualname__}")


def sample_of(kind: type[DomainError]) -> DomainError:
    base = next(ancestor for ancestor in kind.__mro__ if ancestor in SAMPLES)
    sample = SAMPLES[base]
    error = kind.__new__(kind, *sample.args)
    error.__dict__.update(vars(sample))
    return error


ALL_CLASSES = every_domain_error_class()
TABLE = documented_table()


def test_the_document_has_a_row_for_every_category_and_lists_the_table_exactly() -> None:
    assert set(TABLE) == set(ErrorCategory)
    for category, row in TABLE.items():
        assert row.classes == {kind.__name__ for kind, listed in CATEGORIES.items() if listed is category}, category


def test_the_walk_finds_the_errors_defined_outside_the_domain_module_too() -> None:
    names = {kind.__name__ for kind in ALL_CLASSES}
    assert set(SAMPLES) <= set(ALL_CLASSES)
    assert "SubscriptionLost" in names


@pytest.mark.parametrize("kind", ALL_CLASSES, ids=lambda kind: kind.__name__)
def test_every_protocol_answers_the_error_as_its_category_says(kind: type[DomainError]) -> None:
    category = category_of(kind)
    assert category is not None, f"{kind.__name__} has no category: add it to tcm_common.domain.error_categories"
    row = TABLE[category]
    error = sample_of(kind)

    rest = domain_problem(error, conditional=False)
    rest_conditional = domain_problem(error, conditional=True)
    assert rest is not None
    assert rest_conditional is not None
    (problem, headers), (conditional_problem, _) = rest, rest_conditional
    assert problem.status == row.rest_status
    assert conditional_problem.status == row.rest_conditional_status
    assert problem.code == error.code
    assert ("Retry-After" in headers) is row.retry_after

    graphql = domain_error_payload(error, "agreement test")
    assert graphql["extensions"]["code"] == row.graphql_code
    assert ("retryAfterSeconds" in graphql["extensions"]) is row.retry_after

    grpc_status = status_of(error)
    assert grpc_status is not None
    assert grpc_status.code.name == row.grpc_code
    retry_infos = [detail for detail in grpc_status.details if isinstance(detail, error_details_pb2.RetryInfo)]
    assert bool(retry_infos) is row.retry_after


def test_an_error_without_a_category_is_internal_on_every_protocol() -> None:
    class Uncategorised(DomainError):  # noqa: N818 - named like the domain's errors
        code = "UNCATEGORISED"

    error = Uncategorised("a bug of ours")
    assert category_of(error) is None
    assert domain_problem(error, conditional=False) is None
    assert domain_error_payload(error, "agreement test")["extensions"]["code"] == "INTERNAL"
    assert status_of(error) is None


def test_a_subclass_takes_the_category_of_its_nearest_categorised_base() -> None:
    class SuiteClosed(InvalidTransition):
        code = "SUITE_CLOSED"

    assert category_of(SuiteClosed) is ErrorCategory.ILLEGAL_STATE
    assert status_of(sample_of(SuiteClosed)) is not None
