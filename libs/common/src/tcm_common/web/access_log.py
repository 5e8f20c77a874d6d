"""One server span and one JSON access-log line per HTTP request or WebSocket connection.

The span continues the caller's trace (W3C traceparent or X-Ray header, as configured by
tcm_common.telemetry) and is named "<METHOD> <route template>", so ids never end up in span names.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from tcm_common.web.client import forwarded_address

logger = logging.getLogger("tcm.access")
_tracer = trace.get_tracer(__name__)


def _headers(scope: Scope) -> dict[str, str]:
    return {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}


class AccessLogMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP, ScopeType.WEBSOCKET)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        headers = _headers(scope)
        method = scope.get("method", "WEBSOCKET") if scope["type"] == ScopeType.HTTP else "WEBSOCKET"
        route = scope.get("path_template") or scope["path"]
        outcome: dict[str, Any] = {"status": None}

        async def observing_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                outcome["status"] = message["status"]
            elif message["type"] == "websocket.accept":
                outcome["status"] = 101
            elif message["type"] == "websocket.close":
                outcome["close_code"] = message.get("code", 1000)
            await send(message)

        started = time.perf_counter()
        with _tracer.start_as_current_span(
            f"{method} {route}", context=propagate.extract(headers), kind=SpanKind.SERVER
        ) as span:
            try:
                await next_app(scope, receive, observing_send)
            finally:
                status = outcome["status"]
                span.set_attribute("http.request.method", method)
                span.set_attribute("http.route", route)
                if status is not None:
                    span.set_attribute("http.response.status_code", status)
                if status is None or status >= 500:
                    span.set_status(Status(StatusCode.ERROR))
                client = scope.get("client")
                logger.info(
                    "%s %s %s",
                    method,
                    scope["path"],
                    status,
                    extra={
                        "http": {
                            "method": method,
                            "path": scope["path"],
                            "route": route,
                            "status": status,
                            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                            "client": forwarded_address(headers.get("x-forwarded-for"), client[0] if client else None),
                            "user_agent": headers.get("user-agent"),
                            **({"close_code": outcome["close_code"]} if "close_code" in outcome else {}),
                        }
                    },
                )
