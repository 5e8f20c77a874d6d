"""The one generic adapter from servicer objects to grpc.aio method handlers.

betterproto2 generates no grpcio server base. `method_handlers` reads a service's RPCs from the
descriptors and binds each to the servicer's method of the same name in snake case, with the
(de)serializers of `tcm_contracts.wire` (betterproto2 messages, encoded by upb): unary RPCs to
`unary_unary` handlers, server-streaming RPCs to `unary_stream` handlers, client-streaming RPCs to
`stream_unary` handlers (the method receives an async iterator of the requests). `add_servicer`
registers them on a `grpc.aio.Server`:

    server = grpc.aio.server()
    add_servicer(server, MyTestSuiteServicer(...), on_error=map_domain_errors)

An exception escaping a servicer method (other than `context.abort`) goes to `on_error`, which should
abort the call with the right status (e.g. NOT_FOUND for a missing entity); when there is no
`on_error` or it returns without aborting, the call ends with INTERNAL and a generic message: no
internals reach the client, the exception is logged.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Never, TypeAlias, cast

import betterproto2
import grpc
import grpc.aio

from tcm_contracts import wire
from tcm_contracts.descriptors import Rpc, service_rpcs
from tcm_contracts.servicers import Context

logger = logging.getLogger(__name__)

ErrorHandler: TypeAlias = Callable[[Exception, Context], Awaitable[None]]
"""Maps an exception of a servicer method to a status by aborting the context."""

Handlers: TypeAlias = "dict[str, grpc.RpcMethodHandler[Any, Any]]"  # generic only in the stubs

_UnaryMethod: TypeAlias = Callable[[betterproto2.Message, Context], Awaitable[betterproto2.Message]]
_StreamMethod: TypeAlias = Callable[[betterproto2.Message, Context], AsyncIterator[betterproto2.Message]]
_ClientStreamMethod: TypeAlias = Callable[
    [AsyncIterator[betterproto2.Message], Context], Awaitable[betterproto2.Message]
]

INTERNAL_ERROR_DETAILS = "internal error"


def add_servicer(
    server: grpc.aio.Server,
    servicer: object,
    *,
    service: str | None = None,
    on_error: ErrorHandler | None = None,
) -> None:
    """Registers every RPC of the servicer's service (`servicer.SERVICE` unless `service` is given)."""
    name = service if service is not None else _service_of(servicer)
    server.add_registered_method_handlers(name, method_handlers(name, servicer, on_error=on_error))


def method_handlers(service: str, servicer: object, *, on_error: ErrorHandler | None = None) -> Handlers:
    """Method handlers of every RPC of `service`, keyed by RPC name; TypeError if a method is missing."""
    handlers: Handlers = {}
    for rpc in service_rpcs(service):
        method = getattr(servicer, rpc.python_name, None)
        if not callable(method):
            raise TypeError(f"{type(servicer).__name__} has no method {rpc.python_name} for {rpc.path}")
        handlers[rpc.name] = _handler(rpc, method, on_error)
    return handlers


def _handler(
    rpc: Rpc, method: Callable[..., Any], on_error: ErrorHandler | None
) -> grpc.RpcMethodHandler[Any, Any]:
    if rpc.client_streaming:
        return grpc.stream_unary_rpc_method_handler(
            _unary_behavior(rpc, cast(_ClientStreamMethod, method), on_error),
            request_deserializer=wire.parser(rpc.request_type),
            response_serializer=wire.serialize,
        )
    if rpc.server_streaming:
        return grpc.unary_stream_rpc_method_handler(
            _stream_behavior(rpc, cast(_StreamMethod, method), on_error),
            request_deserializer=wire.parser(rpc.request_type),
            response_serializer=wire.serialize,
        )
    return grpc.unary_unary_rpc_method_handler(
        _unary_behavior(rpc, cast(_UnaryMethod, method), on_error),
        request_deserializer=wire.parser(rpc.request_type),
        response_serializer=wire.serialize,
    )


def _unary_behavior(
    rpc: Rpc, method: Callable[[Any, Context], Awaitable[betterproto2.Message]], on_error: ErrorHandler | None
) -> Callable[[Any, Context], Awaitable[betterproto2.Message]]:
    """A unary answer to one request, or to the async iterator of requests of a client stream."""

    async def behavior(request: Any, context: Context) -> betterproto2.Message:
        try:
            return _checked(rpc, await method(request, context))
        except grpc.aio.AbortError:
            raise
        except Exception as error:
            await _fail(rpc, error, context, on_error)

    return behavior


def _stream_behavior(
    rpc: Rpc, method: _StreamMethod, on_error: ErrorHandler | None
) -> Callable[[betterproto2.Message, Context], AsyncIterator[betterproto2.Message]]:
    async def behavior(
        request: betterproto2.Message, context: Context
    ) -> AsyncIterator[betterproto2.Message]:
        try:
            async for response in method(request, context):
                yield _checked(rpc, response)
        except grpc.aio.AbortError:
            raise
        except Exception as error:
            await _fail(rpc, error, context, on_error)

    return behavior


def _checked(rpc: Rpc, response: object) -> betterproto2.Message:
    if not isinstance(response, rpc.response_type):
        raise TypeError(f"{rpc.path} must answer {rpc.response_type.__name__}, not {type(response).__name__}")
    return response


async def _fail(rpc: Rpc, error: Exception, context: Context, on_error: ErrorHandler | None) -> Never:
    if on_error is not None:
        try:
            await on_error(error, context)
        except grpc.aio.AbortError:
            raise
        except Exception:
            logger.exception("error handler failed for %s", rpc.path)
    logger.error("unhandled exception in %s", rpc.path, exc_info=error)
    await context.abort(grpc.StatusCode.INTERNAL, INTERNAL_ERROR_DETAILS)


def _service_of(servicer: object) -> str:
    service = getattr(servicer, "SERVICE", None)
    if not isinstance(service, str):
        raise TypeError(f"{type(servicer).__name__} names no SERVICE; pass service=...")
    return service
