"""Builds the executable schema: the contract's SDL, its scalars, and every resolver bound by name."""

from __future__ import annotations

from graphql import GraphQLScalarType, GraphQLSchema, assert_valid_schema, build_schema

from tcm_graphql.resolvers import (
    account_fields,
    case_fields,
    case_mutations,
    connections,
    group_fields,
    group_mutations,
    queries,
    run_fields,
    run_mutations,
    session_mutations,
    subscriptions,
    suite_fields,
    suite_mutations,
    token_mutations,
    user_fields,
    user_mutations,
)
from tcm_graphql.schema.binding import bind, bind_attributes
from tcm_graphql.schema.scalars import bind_scalars
from tcm_graphql.schema.sdl import read_sdl


def _scalar(schema: GraphQLSchema, name: str) -> GraphQLScalarType:
    scalar = schema.get_type(name)
    assert isinstance(scalar, GraphQLScalarType), f"the SDL has no scalar {name}"
    return scalar


def build_executable_schema(sdl: str | None = None) -> GraphQLSchema:
    schema = build_schema(sdl if sdl is not None else read_sdl())
    assert_valid_schema(schema)
    bind_scalars(_scalar(schema, "DateTime"), _scalar(schema, "Date"))
    bind(schema, "Query", queries.QUERY)
    bind(
        schema,
        "Mutation",
        {
            **session_mutations.MUTATION,
            **suite_mutations.MUTATION,
            **group_mutations.MUTATION,
            **case_mutations.MUTATION,
            **run_mutations.MUTATION,
            **user_mutations.MUTATION,
            **token_mutations.MUTATION,
        },
    )
    bind(schema, "Subscription", subscriptions.SUBSCRIPTION, subscribers=subscriptions.SUBSCRIBERS)
    bind(schema, "TestSuite", suite_fields.TEST_SUITE)
    bind(schema, "RunPassRate", suite_fields.RUN_PASS_RATE)
    for connection_type in connections.CONNECTION_TYPES:
        bind(schema, connection_type, connections.CONNECTION)
    bind(schema, "TestGroup", group_fields.TEST_GROUP)
    bind(schema, "TestCase", case_fields.TEST_CASE)
    bind(schema, "StatusChange", case_fields.STATUS_CHANGE)
    bind(schema, "EffortRecord", case_fields.EFFORT_RECORD)
    bind(schema, "TestRun", run_fields.TEST_RUN)
    bind(schema, "RunEntry", run_fields.RUN_ENTRY)
    bind(schema, "ResultRecord", run_fields.RESULT_RECORD)
    bind(schema, "RecordedRunResult", run_fields.RECORDED_RUN_RESULT)
    bind(schema, "User", user_fields.USER)
    bind(schema, "Session", account_fields.SESSION)
    bind(schema, "CreatedApiToken", account_fields.CREATED_API_TOKEN)
    bind(schema, "TestSuiteChange", subscriptions.TEST_SUITE_CHANGE)
    bind(schema, "TestRunChange", subscriptions.TEST_RUN_CHANGE)
    bind_attributes(schema)
    return schema
