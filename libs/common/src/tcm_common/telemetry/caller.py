"""Who a request acts for, on its server span and its access-log line; never how they proved it.

    with request_caller(server_span) as caller:   # the access log, around one HTTP request or gRPC call
        ...                                       # authentication calls record_caller(principal)
    caller.principal                              # None when nobody authenticated

Span attributes, on the request's server span (also when authentication runs in a child span, like
GraphQL's login in its operation's span): `enduser.id` (X-Ray shows it as the segment's user) and
`enduser.role`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from opentelemetry import trace

from tcm_common.domain.principal import Principal


@dataclass(slots=True)
class RequestCaller:
    span: trace.Span
    principal: Principal | None = None

    def log_fields(self) -> dict[str, str]:
        if self.principal is None:
            return {}
        return {"id": str(self.principal.user_id), "role": self.principal.role.value}


# A mutable holder rather than the principal itself: authentication may run in a copy of the request's
# context (a task of its own), whose changes to a context variable the access log would not see.
_current: ContextVar[RequestCaller | None] = ContextVar("tcm_request_caller", default=None)


@contextmanager
def request_caller(span: trace.Span) -> Iterator[RequestCaller]:
    caller = RequestCaller(span)
    token = _current.set(caller)
    try:
        yield caller
    finally:
        _current.reset(token)


def record_caller(principal: Principal) -> None:
    """Called where a credential was accepted, inside the request (outside one: on the current span)."""
    caller = _current.get()
    span = caller.span if caller is not None else trace.get_current_span()
    span.set_attribute("enduser.id", str(principal.user_id))
    span.set_attribute("enduser.role", principal.role.value)
    if caller is not None:
        caller.principal = principal
