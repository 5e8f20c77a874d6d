"""Runs GraphQL requests: prepare (cached), pick the operation, check its kind and cost, execute it in
an OpenTelemetry span named after the operation (and measure it: tcm_common.telemetry.request_metrics),
format the result.

    engine = GraphQLEngine(schema, Exposure.of(environment))
    body = await engine.execute(request, context, allowed=QUERIES_AND_MUTATIONS)   # HTTP
    stream = await engine.subscribe(request, context)                             # WebSocket
Both raise RequestRefused for anything refused before execution.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Iterator
from contextlib import AbstractAsyncContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from inspect import isawaitable
from types import CoroutineType
from typing import Any, TypeGuard

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    execute,
    get_operation_ast,
    subscribe,
)
from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode

from tcm_common.telemetry.request_metrics import record_graphql_operation
from tcm_graphql.execution.context import RequestContext
from tcm_graphql.execution.errors import INTERNAL, format_error
from tcm_graphql.execution.exposure import Exposure
from tcm_graphql.execution.preparation import DocumentPreparer
from tcm_graphql.execution.request import GraphQLRequest, RequestRefused
from tcm_graphql.protection.cost import operation_cost
from tcm_graphql.protection.limits import HEAVY_AT_ONCE, HEAVY_COST, MAX_COST

QUERIES_ONLY = frozenset({OperationType.QUERY})
QUERIES_AND_MUTATIONS = frozenset({OperationType.QUERY, OperationType.MUTATION})

_tracer = trace.get_tracer("tcm_graphql")


@dataclass(frozen=True, slots=True)
class _Plan:
    document: DocumentNode
    operation: OperationDefinitionNode
    cost: int


def format_result(result: ExecutionResult) -> dict[str, Any]:
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [format_error(error) for error in result.errors]
    return body


def _is_awaitable(value: object) -> TypeGuard[Awaitable[Any]]:
    """graphql-core asks this of every value a field resolves to. Our resolvers answer later only with
    coroutines (async def) or asyncio futures (DataLoader.load), so two type checks suffice where the
    default looks for an `__await__` attribute, which fails with an exception on every plain value."""
    return isinstance(value, _AWAITABLE_TYPES)


_AWAITABLE_TYPES = (CoroutineType, asyncio.Future)


class GraphQLEngine:
    def __init__(self, schema: GraphQLSchema, exposure: Exposure) -> None:
        self._schema = schema
        self._hide_suggestions = not exposure.suggestions
        self._preparer = DocumentPreparer(schema, exposure)
        self._heavy_turns = asyncio.Semaphore(HEAVY_AT_ONCE)

    async def execute(
        self, request: GraphQLRequest, context: RequestContext, *, allowed: frozenset[OperationType]
    ) -> dict[str, Any]:
        plan = self._plan(request, allowed)
        async with self._turn(plan.cost):
            with _operation_span(plan.operation) as operation:
                result = execute(
                    self._schema,
                    plan.document,
                    context_value=context,
                    variable_values=request.variables,
                    operation_name=request.operation_name,
                    is_awaitable=_is_awaitable,
                    hide_suggestions=self._hide_suggestions,
                )
                if isawaitable(result):
                    result = await result
                assert isinstance(result, ExecutionResult)
                body = format_result(result)
                if any(error["extensions"]["code"] == INTERNAL for error in body.get("errors", ())):
                    operation.internal_error_answered()
                return body

    async def subscribe(
        self, request: GraphQLRequest, context: RequestContext
    ) -> AsyncIterator[ExecutionResult] | ExecutionResult:
        """The stream of results, or one result with the errors that kept it from starting."""
        plan = self._plan(request, frozenset({OperationType.SUBSCRIPTION}))
        with _operation_span(plan.operation):
            stream = subscribe(
                self._schema,
                plan.document,
                context_value=context,
                variable_values=request.variables,
                operation_name=request.operation_name,
                hide_suggestions=self._hide_suggestions,
            )
            if isawaitable(stream):
                stream = await stream
            return stream

    def _turn(self, cost: int) -> AbstractAsyncContextManager[object]:
        """Waits for a turn when the operation could answer many objects (limits.HEAVY_COST)."""
        return self._heavy_turns if cost > HEAVY_COST else nullcontext()

    def _plan(self, request: GraphQLRequest, allowed: frozenset[OperationType]) -> _Plan:
        prepared = self._preparer.prepare(request.query)
        if prepared.document is None:
            raise RequestRefused([format_error(error) for error in prepared.errors])
        operation = get_operation_ast(prepared.document, request.operation_name)
        if operation is None:
            raise RequestRefused.because("name the operation to run (operationName) that the document defines")
        if operation.operation not in allowed:
            kinds = " or ".join(sorted(kind.value for kind in allowed))
            raise RequestRefused.because(f"only {kinds} operations are served here", status=405)
        cost = operation_cost(self._schema, prepared.fragments, operation, request.variables)
        if cost > MAX_COST:
            raise RequestRefused.because(
                f"the operation could cost {cost} (lists counted at their page size); at most {MAX_COST} "
                "is allowed: ask for fewer items or fewer nested lists"
            )
        return _Plan(prepared.document, operation, cost)


class _Operation:
    def __init__(self, span: trace.Span) -> None:
        self.span = span
        self.internal_error = False

    def internal_error_answered(self) -> None:
        self.internal_error = True
        self.span.set_status(Status(StatusCode.ERROR))


@contextmanager
def _operation_span(operation: OperationDefinitionNode) -> Iterator[_Operation]:
    kind = operation.operation.value
    name = operation.name.value if operation.name else None
    started = time.perf_counter()
    with _tracer.start_as_current_span(name or f"anonymous {kind}") as span:
        span.set_attribute("graphql.operation.type", kind)
        if name is not None:
            span.set_attribute("graphql.operation.name", name)
        measured = _Operation(span)
        try:
            yield measured
        except BaseException:
            measured.internal_error = True
            raise
        finally:
            seconds = time.perf_counter() - started
            record_graphql_operation(kind, name, internal_error=measured.internal_error, seconds=seconds)
