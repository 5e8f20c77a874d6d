"""The GraphQL inputs, the REST request bodies and the gRPC requests of the same use case take the same
fields and require the same ones: a client learns one contract and knows the others (docs/architecture.md)."""

import json
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.descriptor import FieldDescriptor
from graphql import GraphQLInputObjectType, Undefined, build_schema, is_non_null_type

from tcm_contracts.descriptors import descriptor_pool
from tcm_contracts.graphql import read_sdl

SNAPSHOT = Path(__file__).resolve().parents[1] / "openapi" / "rest-v1.json"
# GraphQL input -> the REST request body of the same use case and the fields REST takes from the path.
COUNTERPARTS = {
    "CreateTestSuiteInput": ("TestSuiteCreate", set()),
    "UpdateTestSuiteInput": ("TestSuiteUpdate", set()),
    "CreateTestGroupInput": ("TestGroupCreate", {"suiteId"}),
    "UpdateTestGroupInput": ("TestGroupUpdate", set()),
    "CreateTestCaseInput": ("TestCaseCreate", {"groupId"}),
    "UpdateTestCaseInput": ("TestCaseUpdate", set()),
    "RecordEffortInput": ("EffortRecordCreate", {"caseId"}),
    "CreateUserInput": ("UserCreate", set()),
    "CreateTestRunInput": ("TestRunCreate", {"suiteId"}),
    "UpdateTestRunInput": ("TestRunUpdate", set()),
    "RecordRunResultInput": ("ResultRecordCreate", {"runId"}),
}
# A nested GraphQL input that REST and gRPC take as top-level fields of the same request: the run's
# `selection: {groupIds, caseIds, priorities}` is three fields of the REST body and the gRPC request.
FLATTENED = {"CreateTestRunInput": {"selection": "RunSelectionInput"}}
# GraphQL inputs that are not a request body: the suite and run filters are the query parameters of the
# REST lists (tested below), and the run selection is flattened (FLATTENED).
NOT_A_BODY = {"TestSuiteFilter", "RunSelectionInput", "TestRunFilter"}
# GraphQL input -> the gRPC request of the same use case (users are not in the gRPC contract).
GRPC_REQUESTS = {
    "CreateTestSuiteInput": "CreateTestSuiteRequest",
    "UpdateTestSuiteInput": "UpdateTestSuiteRequest",
    "CreateTestGroupInput": "CreateTestGroupRequest",
    "UpdateTestGroupInput": "UpdateTestGroupRequest",
    "CreateTestCaseInput": "CreateTestCaseRequest",
    "UpdateTestCaseInput": "UpdateTestCaseRequest",
    "RecordEffortInput": "RecordEffortRequest",
    "TestSuiteFilter": "ListTestSuitesRequest",
    "CreateTestRunInput": "CreateTestRunRequest",
    "UpdateTestRunInput": "UpdateTestRunRequest",
    "RecordRunResultInput": "RecordRunResultRequest",
}
# TestRunFilter is ListTestRunsRequest without the suite it lists (tested below).
# gRPC fields outside the input: the target and its version, paging, `display_order` (always refused:
# groups move by ReorderTestGroups) and `clear_planned_effort` (proto3 cannot send a null double).
GRPC_ONLY = {"id", "version", "pageSize", "pageToken", "displayOrder", "clearPlannedEffort"}
# Types whose unset value is the input's default or "any" in proto3: false, the UNSPECIFIED enum value, an
# empty filter text, an unset message.
ZERO_IS_ABSENT = {FieldDescriptor.TYPE_BOOL, FieldDescriptor.TYPE_ENUM, FieldDescriptor.TYPE_MESSAGE}
# The suite filter is a GraphQL input and the query parameters of the REST list.
SUITE_LIST = "/api/v1/test-suites"
PAGING_PARAMETERS = {"limit", "cursor"}
RUN_LIST = "/api/v1/test-suites/{suite_id}/runs"


def graphql_input(name: str) -> GraphQLInputObjectType:
    named = build_schema(read_sdl()).type_map[name]
    assert isinstance(named, GraphQLInputObjectType)
    return named


def graphql_fields(name: str) -> tuple[set[str], set[str]]:
    """All fields of the input and the required ones (non-null without a default), a FLATTENED nested
    input's fields in place of the field that holds it."""
    fields = graphql_input(name).fields
    required = {
        field_name
        for field_name, field in fields.items()
        if is_non_null_type(field.type) and field.default_value is Undefined
    }
    names = set(fields)
    for holder, nested in FLATTENED.get(name, {}).items():
        nested_fields, nested_required = graphql_fields(nested)
        names = names - {holder} | nested_fields
        required = required - {holder} | (nested_required if holder in required else set())
    return names, required


def rest_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return document


def test_every_graphql_input_has_a_rest_counterpart() -> None:
    inputs = {
        name for name, named in build_schema(read_sdl()).type_map.items() if isinstance(named, GraphQLInputObjectType)
    }
    assert inputs == {*COUNTERPARTS, *NOT_A_BODY}


@pytest.mark.parametrize("graphql_name", sorted(COUNTERPARTS))
def test_the_rest_body_takes_and_requires_the_same_fields(graphql_name: str) -> None:
    rest_name, from_path = COUNTERPARTS[graphql_name]
    body = rest_document()["components"]["schemas"][rest_name]
    fields, required = graphql_fields(graphql_name)

    assert set(body["properties"]) == fields - from_path
    assert set(body.get("required", [])) == required - from_path


@pytest.mark.parametrize(("graphql_name", "rest_list"), [("TestSuiteFilter", SUITE_LIST), ("TestRunFilter", RUN_LIST)])
def test_a_filter_is_the_optional_parameters_of_the_rest_list(graphql_name: str, rest_list: str) -> None:
    parameters = rest_document()["paths"][rest_list]["get"]["parameters"]
    fields, required = graphql_fields(graphql_name)

    assert {p["name"] for p in parameters if p["in"] == "query"} - PAGING_PARAMETERS == fields
    assert not required
    assert not any(p.get("required", False) for p in parameters if p["in"] == "query")


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(word.title() for word in rest)


def grpc_fields(message: str) -> dict[str, FieldDescriptor]:
    descriptor = descriptor_pool().FindMessageTypeByName(f"testsuite.v1.{message}")  # type: ignore[no-untyped-call]
    fields = descriptor.fields
    return {camel(field.name): field for field in fields if camel(field.name) not in GRPC_ONLY}


def optional_in_grpc(field: FieldDescriptor, in_filter: bool) -> bool:
    """Declared `optional`, repeated (an empty list is an absent one), or of a type whose unset value means
    the default (any text, in a filter)."""
    declared_optional = field.containing_oneof is not None or field.is_repeated
    zero_is_absent = field.type in ZERO_IS_ABSENT or (in_filter and field.type == FieldDescriptor.TYPE_STRING)
    return declared_optional or zero_is_absent


@pytest.mark.parametrize("graphql_name", sorted(GRPC_REQUESTS))
def test_the_grpc_request_takes_and_requires_the_same_fields(graphql_name: str) -> None:
    grpc = grpc_fields(GRPC_REQUESTS[graphql_name])
    fields, required = graphql_fields(graphql_name)

    assert set(grpc) == fields
    assert not {name for name in required if grpc[name].containing_oneof is not None}, "required, yet `optional`"
    in_filter = graphql_name == "TestSuiteFilter"
    assert {name for name in fields - required if not optional_in_grpc(grpc[name], in_filter)} == set()


def test_the_run_filter_is_the_optional_fields_of_the_grpc_list() -> None:
    grpc = grpc_fields("ListTestRunsRequest")
    fields, required = graphql_fields("TestRunFilter")

    assert set(grpc) - {"suiteId"} == fields
    assert not required
    assert all(optional_in_grpc(grpc[name], in_filter=True) for name in fields)
