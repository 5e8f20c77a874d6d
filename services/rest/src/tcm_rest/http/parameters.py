"""Path and query parameters shared by several routes."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar.openapi.spec import OpenAPIType
from litestar.params import PathParameter, QueryParameter

# An optional header or query parameter is absent or a string, never null: without this, the document
# would say "string or null" and keep the parameter's pattern outside the string branch.
PLAIN_STRING = {"one_of": None, "type": OpenAPIType.STRING}

SuiteId = Annotated[UUID, PathParameter(description="The suite's id.")]
GroupId = Annotated[UUID, PathParameter(description="The group's id.")]
CaseId = Annotated[UUID, PathParameter(description="The case's id.")]
UserId = Annotated[UUID, PathParameter(description="The user's id.")]
SessionId = Annotated[UUID, PathParameter(description="The session's id.")]
TokenId = Annotated[UUID, PathParameter(description="The token's id.")]

Cascade = Annotated[
    bool,
    QueryParameter(description="Also delete everything underneath; without it a parent with children is 409."),
]
