"""A GraphQL request as clients send it (JSON body, GET parameters, WebSocket subscribe payload), and
the refusal of one that never reaches execution."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tcm_graphql.execution.errors import BAD_USER_INPUT, simple_error


class RequestRefused(Exception):  # noqa: N818 - reads as what happened to the request
    """Refused before execution; `errors` are formatted for the client, `status` is the HTTP status."""

    def __init__(self, errors: list[dict[str, Any]], status: int = 400) -> None:
        super().__init__(errors[0]["message"])
        self.errors = errors
        self.status = status

    @classmethod
    def because(cls, message: str, status: int = 400) -> RequestRefused:
        return cls([simple_error(message, BAD_USER_INPUT)], status)


@dataclass(frozen=True, slots=True)
class GraphQLRequest:
    query: str
    variables: dict[str, Any] = field(default_factory=dict)
    operation_name: str | None = None

    @classmethod
    def from_payload(cls, payload: object) -> GraphQLRequest:
        if isinstance(payload, list):
            raise RequestRefused.because("batched requests are not supported: send one operation per request")
        if not isinstance(payload, dict):
            raise RequestRefused.because("the request must be a JSON object with a query")
        query = payload.get("query")
        variables = payload.get("variables") or {}
        operation_name = payload.get("operationName")
        if not isinstance(query, str) or not query.strip():
            raise RequestRefused.because("the request has no query")
        if not isinstance(variables, dict):
            raise RequestRefused.because("variables must be a JSON object")
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestRefused.because("operationName must be a string")
        return cls(query, variables, operation_name)
