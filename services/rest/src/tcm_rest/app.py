"""Composition root of the REST service: the Litestar application under /api/v1.

create_app(Environment.PRODUCTION)                     # settings, Platform and auth from the environment
create_app(Environment.TEST, opener=lambda: open_runtime(settings, password_hasher=fast))   # tests
"""

from __future__ import annotations

from litestar import Litestar, Router
from litestar.datastructures import CacheControlHeader

from tcm_common.settings import Environment
from tcm_common.web.access_log import AccessLogMiddleware
from tcm_common.web.csrf import csrf_guard
from tcm_common.web.lifespan import runtime_lifespan
from tcm_common.web.limits import MAX_REQUEST_BODY_BYTES
from tcm_common.web.probes import health, ready
from tcm_common.web.runtime import RuntimeOpener, runtime_from_environment, service_version
from tcm_rest.api_tokens.routes import ApiTokenRoutes
from tcm_rest.caller import require_authentication
from tcm_rest.cases.routes import TestCaseRoutes
from tcm_rest.dependencies import DEPENDENCIES
from tcm_rest.efforts.routes import EffortRoutes
from tcm_rest.groups.routes import TestGroupRoutes
from tcm_rest.history.routes import HistoryRoutes
from tcm_rest.http.allow_header import allow_every_method_of_the_route
from tcm_rest.http.error_responses import EXCEPTION_HANDLERS
from tcm_rest.http.openapi import SECURITY, openapi_config
from tcm_rest.http.strict_input import check_input_strictly
from tcm_rest.me.routes import MeRoutes
from tcm_rest.paths import API_PREFIX
from tcm_rest.sign_in.routes import SignInRoutes
from tcm_rest.suites.routes import TestSuiteRoutes
from tcm_rest.test_runs.routes import TestRunRoutes
from tcm_rest.users.routes import UserRoutes

SERVICE = "rest"


def _from_environment() -> RuntimeOpener:
    return lambda: runtime_from_environment(SERVICE, service_version())


def create_app(environment: Environment, opener: RuntimeOpener | None = None) -> Litestar:
    # Credentials are checked before the CSRF guard, so a request without any gets 401, not 403.
    resources = Router(
        API_PREFIX,
        route_handlers=[
            TestSuiteRoutes,
            TestGroupRoutes,
            TestCaseRoutes,
            HistoryRoutes,
            EffortRoutes,
            UserRoutes,
            MeRoutes,
            ApiTokenRoutes,
            TestRunRoutes,
        ],
        guards=[require_authentication, csrf_guard],
        security=SECURITY,
    )
    sign_in = Router(API_PREFIX, route_handlers=[SignInRoutes], guards=[csrf_guard])
    # The ALB probes /health; through CloudFront and the ALB's /api/* rule the public path is /api/health.
    public_probes = Router("/api", route_handlers=[health, ready])
    return Litestar(
        route_handlers=[health, ready, public_probes, resources, sign_in],
        lifespan=[runtime_lifespan(SERVICE, opener or _from_environment())],
        middleware=[AccessLogMiddleware()],
        dependencies=DEPENDENCIES,
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        before_request=check_input_strictly,
        before_send=[allow_every_method_of_the_route],
        request_max_body_size=MAX_REQUEST_BODY_BYTES,
        cache_control=CacheControlHeader(no_store=True),
        openapi_config=openapi_config(environment),
        logging_config=None,
    )
