"""Finds what of an HTTP service's request path Litestar would run in a worker thread.

Litestar sends every synchronous guard, dependency provider (unless `sync_to_thread=False`) and handler
to the thread pool: a thread switch per request that costs more than the work of a small guard. The
services keep their request path async; each service's tests assert `thread_hops(app) == []`.
"""

from __future__ import annotations

from collections.abc import Iterator

from litestar import Litestar
from litestar.handlers.base import BaseRouteHandler
from litestar.utils.predicates import is_async_callable
from litestar.utils.sync import AsyncCallable


def thread_hops(app: Litestar) -> list[str]:
    """`<handler>: <what>` for each callable of a request's path that would run in a worker thread."""
    return sorted({f"{handler}: {hop}" for handler in _handlers(app) for hop in _hops_of(handler)})


def _handlers(app: Litestar) -> Iterator[BaseRouteHandler]:
    for route in app.routes:
        handlers = getattr(route, "route_handlers", None) or [getattr(route, "route_handler")]  # noqa: B009
        yield from handlers


def _hops_of(handler: BaseRouteHandler) -> Iterator[str]:
    # Litestar wraps what it will run in a thread as AsyncCallable; a bare sync callable is wrapped later.
    if isinstance(handler.fn, AsyncCallable) or (_threaded(handler.fn) and getattr(handler, "sync_to_thread", True)):
        yield "the handler"
    for guard in handler.resolve_guards():
        if _threaded(guard):
            yield f"guard {getattr(guard, 'func', guard)!r}"
    for name, provider in handler.resolve_dependencies().items():
        if _threaded(provider.dependency) and provider.sync_to_thread is not False:
            yield f"dependency {name}"


def _threaded(value: object) -> bool:
    return isinstance(value, AsyncCallable) or (callable(value) and not is_async_callable(value))
