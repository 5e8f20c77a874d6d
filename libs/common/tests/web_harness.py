"""A small Litestar app assembled from tcm_common.web the way a service does, for the web tests."""

from __future__ import annotations

from typing import Any

from litestar import Litestar, Request, Response, get, post
from litestar.params import JSONBody
from litestar.testing import AsyncTestClient

from tcm_common.auth.testing import auth_settings_for_tests, fast_password_hasher
from tcm_common.domain.errors import DomainError, PermissionDenied, Unauthenticated
from tcm_common.settings import DatabaseSettings, Environment, Settings, TelemetrySettings
from tcm_common.web.access_log import AccessLogMiddleware
from tcm_common.web.client import client_info
from tcm_common.web.cookies import set_cookies
from tcm_common.web.credentials import authenticate, refresh_cookie
from tcm_common.web.csrf import csrf_guard
from tcm_common.web.lifespan import runtime_lifespan
from tcm_common.web.limits import MAX_REQUEST_BODY_BYTES
from tcm_common.web.probes import health, ready
from tcm_common.web.runtime import RuntimeOpener, open_runtime, runtime_of

SITE = "https://testserver.local"

_STATUS = {Unauthenticated: 401, PermissionDenied: 403}


def settings_on(database_url: str) -> Settings:
    return Settings(
        environment=Environment.TEST,
        database=DatabaseSettings(dsn=database_url),
        auth=auth_settings_for_tests(),
        telemetry=TelemetrySettings(),
    )


def opener_for(database_url: str, settings: Settings | None = None) -> RuntimeOpener:
    """The runtime opens its own pool in the test client's event loop; share `settings` to share keys."""
    chosen = settings or settings_on(database_url)
    return lambda: open_runtime(chosen, password_hasher=fast_password_hasher())


@get("/whoami")
async def whoami(request: Request[Any, Any, Any]) -> dict[str, str | None]:
    authentication = await authenticate(request, runtime_of(request).auth)
    return {
        "username": authentication.principal.username if authentication else None,
        "source": authentication.source.value if authentication else None,
    }


@post("/login")
async def login(request: Request[Any, Any, Any], data: JSONBody[dict[str, str]]) -> Response[dict[str, str]]:
    issued = await runtime_of(request).auth.sessions.login(
        data["username"], data["password"], client=client_info(request)
    )
    response = Response({"username": issued.principal.username})
    set_cookies(response, issued.cookies)
    return response


@post("/logout")
async def logout(request: Request[Any, Any, Any]) -> Response[dict[str, bool]]:
    auth = runtime_of(request).auth
    response = Response({"ok": True})
    set_cookies(response, await auth.sessions.logout(refresh_cookie(request, auth)))
    return response


@post("/client")
async def client(request: Request[Any, Any, Any]) -> dict[str, str | None]:
    info = client_info(request)
    return {"address": info.address, "user_agent": info.user_agent}


@post("/echo")
async def echo(data: JSONBody[dict[str, Any]]) -> dict[str, Any]:
    return data


def _domain_error(_request: Request[Any, Any, Any], error: Exception) -> Response[dict[str, str]]:
    assert isinstance(error, DomainError)
    return Response({"code": error.code, "message": error.message}, status_code=_STATUS.get(type(error), 400))


def web_app(opener: RuntimeOpener) -> Litestar:
    return Litestar(
        route_handlers=[health, ready, whoami, login, logout, client, echo],
        lifespan=[runtime_lifespan("web-test", opener)],
        middleware=[AccessLogMiddleware()],
        guards=[csrf_guard],
        request_max_body_size=MAX_REQUEST_BODY_BYTES,
        exception_handlers={DomainError: _domain_error},
        logging_config=None,
    )


def web_client(app: Litestar) -> AsyncTestClient[Litestar]:
    return AsyncTestClient(app=app, base_url=SITE)
