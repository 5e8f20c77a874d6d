"""Composition root of the GraphQL service: the Litestar application.

create_app()                                   # settings from the environment (production)
create_app(lambda: open_runtime(settings))     # tests: their own settings, hasher, database
"""

from __future__ import annotations

from litestar import Litestar, Router

from tcm_common.web.access_log import AccessLogMiddleware
from tcm_common.web.csrf import csrf_guard
from tcm_common.web.lifespan import runtime_lifespan
from tcm_common.web.probes import health, ready
from tcm_common.web.runtime import RuntimeOpener, runtime_from_environment, service_version
from tcm_graphql.http.endpoint import graphql_get, graphql_post
from tcm_graphql.http.http_errors import EXCEPTION_HANDLERS
from tcm_graphql.protection.limits import MAX_BODY_BYTES
from tcm_graphql.schema.executable import build_executable_schema
from tcm_graphql.service_state import graphql_lifespan
from tcm_graphql.websocket.endpoint import graphql_websocket
from tcm_graphql.websocket.keep_alive import DEFAULT_KEEP_ALIVE, KeepAlive

SERVICE = "graphql"
SESSION_RECHECK_SECONDS = 10.0


def create_app(
    opener: RuntimeOpener | None = None,
    *,
    session_recheck_seconds: float = SESSION_RECHECK_SECONDS,
    keep_alive: KeepAlive = DEFAULT_KEEP_ALIVE,
) -> Litestar:
    schema = build_executable_schema()
    # The ALB probes /health; through CloudFront and the ALB's /graphql* rule the public path is /graphql/health.
    public_probes = Router("/graphql", route_handlers=[health, ready])
    return Litestar(
        route_handlers=[health, ready, public_probes, graphql_post, graphql_get, graphql_websocket],
        lifespan=[
            runtime_lifespan(SERVICE, opener or (lambda: runtime_from_environment(SERVICE, service_version()))),
            graphql_lifespan(schema, session_recheck_seconds, keep_alive),
        ],
        middleware=[AccessLogMiddleware()],
        guards=[csrf_guard],
        exception_handlers=EXCEPTION_HANDLERS,
        request_max_body_size=MAX_BODY_BYTES,
        logging_config=None,
        openapi_config=None,
    )
