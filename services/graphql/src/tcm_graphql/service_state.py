"""What the GraphQL service keeps next to the shared ServiceRuntime, built once the settings are known
(the environment decides introspection, GraphiQL and suggestions)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from graphql import GraphQLSchema
from litestar import Litestar
from litestar.connection import ASGIConnection

from tcm_common.settings import Environment
from tcm_common.web.lifespan import Lifespan
from tcm_common.web.runtime import RUNTIME_STATE_KEY, ServiceRuntime
from tcm_graphql.execution.engine import GraphQLEngine
from tcm_graphql.execution.exposure import Exposure
from tcm_graphql.websocket.keep_alive import KeepAlive

STATE_KEY = "tcm_graphql"


@dataclass(frozen=True, slots=True)
class GraphQLState:
    engine: GraphQLEngine
    graphiql: bool
    # How often a WebSocket re-checks that its session is still active (revocation, disabled user).
    session_recheck_seconds: float
    keep_alive: KeepAlive


def graphql_lifespan(schema: GraphQLSchema, session_recheck_seconds: float, keep_alive: KeepAlive) -> Lifespan:
    """Must come after tcm_common.web's runtime_lifespan, whose settings it reads."""

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        runtime: ServiceRuntime = app.state[RUNTIME_STATE_KEY]
        environment = runtime.settings.environment
        app.state[STATE_KEY] = GraphQLState(
            engine=GraphQLEngine(schema, Exposure.of(environment)),
            graphiql=environment is Environment.DEVELOPMENT,
            session_recheck_seconds=session_recheck_seconds,
            keep_alive=keep_alive,
        )
        yield

    return lifespan


def graphql_state(connection: ASGIConnection) -> GraphQLState:  # type: ignore[type-arg]
    state: GraphQLState = connection.app.state[STATE_KEY]
    return state
