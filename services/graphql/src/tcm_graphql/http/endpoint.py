"""POST /graphql (queries and mutations, JSON) and GET /graphql (queries; GraphiQL in development).

The cookies that login, refresh and logout decide are set on this HTTP response; the body never holds
a token. Responses are never cached: they depend on who asks.
"""

from __future__ import annotations

import json
from typing import Any

from graphql import OperationType
from litestar import MediaType, Request, Response, get, post

from tcm_common.web.client import client_info
from tcm_common.web.cookies import set_cookies
from tcm_common.web.credentials import refresh_cookie
from tcm_common.web.runtime import runtime_of
from tcm_graphql.execution.context import RequestContext
from tcm_graphql.execution.engine import QUERIES_AND_MUTATIONS, QUERIES_ONLY
from tcm_graphql.execution.request import GraphQLRequest, RequestRefused
from tcm_graphql.http.caller import caller_of
from tcm_graphql.http.graphiql import GRAPHIQL_PAGE
from tcm_graphql.http.http_errors import unavailable_status
from tcm_graphql.service_state import graphql_state

AnyRequest = Request[Any, Any, Any]
NO_STORE = {"cache-control": "no-store"}


def _json(raw: str | bytes, what: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        raise RequestRefused.because(f"{what} is not valid JSON") from None


async def _respond(
    request: AnyRequest, graphql_request: GraphQLRequest, allowed: frozenset[OperationType]
) -> Response[Any]:
    runtime = runtime_of(request)
    context = RequestContext.create(
        runtime,
        await caller_of(request, runtime.auth),
        client_info(request),
        refresh_cookie(request, runtime.auth),
    )
    body = await graphql_state(request).engine.execute(graphql_request, context, allowed=allowed)
    status, headers = unavailable_status(body)
    response = Response(body, status_code=status, media_type=MediaType.JSON, headers={**NO_STORE, **headers})
    set_cookies(response, context.response_cookies)
    return response


@post("/graphql", status_code=200)
async def graphql_post(request: AnyRequest) -> Response[Any]:
    payload = _json(await request.body(), "the request body")
    return await _respond(request, GraphQLRequest.from_payload(payload), QUERIES_AND_MUTATIONS)


@get("/graphql")
async def graphql_get(request: AnyRequest) -> Response[Any]:
    parameters = request.query_params
    if (
        "query" not in parameters
        and graphql_state(request).graphiql
        and "text/html" in request.headers.get("accept", "")
    ):
        return Response(GRAPHIQL_PAGE, media_type=MediaType.HTML)
    variables = parameters.get("variables")
    payload = {
        "query": parameters.get("query"),
        "variables": _json(variables, "variables") if variables else None,
        "operationName": parameters.get("operationName"),
    }
    # GET never changes anything (CSRF): mutations are refused here.
    return await _respond(request, GraphQLRequest.from_payload(payload), QUERIES_ONLY)
