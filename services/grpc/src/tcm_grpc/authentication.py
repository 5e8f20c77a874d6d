"""Authentication of every testsuite.v1 call from its `authorization: Bearer <token>` metadata.

The interceptor authenticates before the servicer runs (an access token or an API token `tcm_...`,
checked against the database by tcm_common's Authenticator) and refuses the call with
UNAUTHENTICATED when the credential is missing, malformed, expired or revoked. Servicers read the
caller with `current_principal()`. Health and reflection stay open: anonymous callers may check
health, nothing else.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from contextvars import ContextVar
from typing import Any

import grpc
import grpc.aio

from tcm_common.auth.authentication import Authentication, Authenticator
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.principal import Principal
from tcm_contracts.servicers import Context
from tcm_grpc.errors import abort_with_status
from tcm_grpc.handler_wrapping import Handler, StreamBehavior, UnaryBehavior, service_of, wrap_behavior

AUTHORIZATION = "authorization"

# Each RPC runs in an asyncio task of its own, hence with its own copy of the context: a value set
# for one call is never seen by another, and needs no reset.
_authentication: ContextVar[Authentication] = ContextVar("tcm_grpc_authentication")


def current_authentication() -> Authentication:
    """The authenticated caller of the current call."""
    try:
        return _authentication.get()
    except LookupError:
        # Only a servicer registered without the interceptor gets here: refuse rather than guess.
        raise Unauthenticated() from None


def current_principal() -> Principal:
    return current_authentication().principal


class AuthInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, authenticator: Authenticator, protected_services: Collection[str]) -> None:
        self._authenticator = authenticator
        self._protected = frozenset(protected_services)

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler | None]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> Handler | None:
        handler = await continuation(handler_call_details)
        if handler is None or service_of(handler_call_details.method) not in self._protected:
            return handler
        values = [value for key, value in handler_call_details.invocation_metadata or () if key == AUTHORIZATION]

        def unary(behavior: UnaryBehavior) -> UnaryBehavior:
            async def authenticated(request: Any, context: Context) -> Any:
                await self._authenticate(values, context)
                return await behavior(request, context)

            return authenticated

        def stream(behavior: StreamBehavior) -> StreamBehavior:
            async def authenticated(request: Any, context: Context) -> AsyncIterator[Any]:
                await self._authenticate(values, context)
                async for response in behavior(request, context):
                    yield response

            return authenticated

        return wrap_behavior(handler, unary=unary, stream=stream)

    async def _authenticate(self, values: list[str | bytes], context: Context) -> None:
        try:
            if len(values) > 1:
                raise Unauthenticated("send one authorization value, not several")
            authorization = values[0] if values else None
            if isinstance(authorization, bytes):
                raise Unauthenticated("the authorization value must be text")
            authentication = await self._authenticator.authenticate(authorization=authorization)
        except Exception as error:
            await abort_with_status(error, context)
        _authentication.set(authentication)
