"""One server span, one JSON access-log line and one latency measurement per HTTP request or WebSocket.

The span continues the caller's trace (tcm_common.telemetry.propagation: W3C `traceparent`, X-Ray,
the ALB's Root) and is named "<METHOD> <route template>", so ids never end up in span names. Who the
request acts for (user id and role, once authentication accepted a credential) goes on the span and the
log line; credentials, cookies and bodies never do.

Litestar runs application middleware only for requests that match a route, so the work is split:
- AccessLogMiddleware (in the app's `middleware`): every request that matches a route;
- UnroutedRequestLog (around the app's request handler; runtime_lifespan puts it there): the others, unknown
  paths (404) and methods (405), whose span is named after the method alone.
WebSocket connections get a span and a log line but no latency measurement (they last minutes).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import cast

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from tcm_common.telemetry.caller import RequestCaller, request_caller
from tcm_common.telemetry.request_metrics import record_http_request
from tcm_common.web.client import forwarded_address

logger = logging.getLogger("tcm.access")
_tracer = trace.get_tracer(__name__)


@dataclass(slots=True)
class _Request:
    """What the access log knows of one request: from its scope at the start, from `send` as it goes."""

    scope: Scope
    headers: dict[str, str]
    method: str
    started: float
    status: int | None = None
    close_code: int | None = None

    @classmethod
    def start(cls, scope: Scope) -> _Request:
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        method = scope.get("method", "WEBSOCKET") if scope["type"] == ScopeType.HTTP else "WEBSOCKET"
        return cls(scope=scope, headers=headers, method=method, started=time.perf_counter())

    def observing(self, send: Send) -> Send:
        async def observing_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.status = message["status"]
            elif message["type"] == "websocket.accept":
                self.status = 101
            elif message["type"] == "websocket.close":
                self.close_code = message.get("code", 1000)
            await send(message)

        return observing_send

    def caller_context(self) -> otel_context.Context:
        return propagate.extract(self.headers)

    def finish(self, span: trace.Span, route: str | None, caller: RequestCaller) -> None:
        """Annotates the span, writes the access-log line (in the span's trace) and measures."""
        seconds = time.perf_counter() - self.started
        span.set_attribute("http.request.method", self.method)
        if route is not None:
            span.set_attribute("http.route", route)
        if self.status is not None:
            span.set_attribute("http.response.status_code", self.status)
        if self.status is None or self.status >= 500:
            span.set_status(Status(StatusCode.ERROR))
        if self.scope["type"] == ScopeType.HTTP:
            record_http_request(self.method, route, self.status, seconds)
        client = self.scope.get("client")
        user = caller.log_fields()
        logger.info(
            "%s %s %s",
            self.method,
            self.scope["path"],
            self.status,
            extra={
                "http": {
                    "method": self.method,
                    "path": self.scope["path"],
                    "route": route,
                    "status": self.status,
                    "duration_ms": round(seconds * 1000, 1),
                    "client": forwarded_address(self.headers.get("x-forwarded-for"), client[0] if client else None),
                    "user_agent": self.headers.get("user-agent"),
                    **({"close_code": self.close_code} if self.close_code is not None else {}),
                },
                **({"user": user} if user else {}),
            },
        )


class AccessLogMiddleware(ASGIMiddleware):
    """The requests that match a route."""

    scopes = (ScopeType.HTTP, ScopeType.WEBSOCKET)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        request = _Request.start(scope)
        route: str = scope["path_template"]
        # Attached, not passed as the span's parent: a trace id taken from the ALB's header is read
        # from the current context (tcm_common.telemetry.propagation).
        attached = otel_context.attach(request.caller_context())
        try:
            with (
                _tracer.start_as_current_span(f"{request.method} {route}", kind=SpanKind.SERVER) as span,
                request_caller(span) as caller,
            ):
                try:
                    await next_app(scope, receive, request.observing(send))
                finally:
                    request.finish(span, route, caller)
        finally:
            otel_context.detach(attached)


class UnroutedRequestLog:
    """Wraps an ASGI app; logs the requests that matched no route (Litestar then sets no path_template).

    Their span is recorded afterwards, from the request's start: nothing of ours ran inside it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app  # Litestar's request handler: it sees HTTP and WebSocket scopes only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = _Request.start(scope)
        started_ns = time.time_ns()
        try:
            await self._app(scope, receive, request.observing(send))
        finally:
            # Litestar's scope type declares path_template always present; routing sets it on a match.
            if "path_template" not in cast("dict[str, object]", scope):
                attached = otel_context.attach(request.caller_context())
                try:
                    span = _tracer.start_span(request.method, kind=SpanKind.SERVER, start_time=started_ns)
                    with trace.use_span(span, end_on_exit=True):
                        request.finish(span, None, RequestCaller(span))
                finally:
                    otel_context.detach(attached)
