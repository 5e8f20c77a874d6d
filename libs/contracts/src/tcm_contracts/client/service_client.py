"""The generic part of the typed clients: the unary, server-streaming and client-streaming call paths
over grpc.aio.

The typed clients (one per service) only name the RPC and its message types; path, streaming and
idempotency come from the descriptors. The grpcio stub that betterproto2 can generate is not used:
over a `grpc.aio` channel it fails on server streaming, so calls go through
`channel.unary_unary(...)` / `channel.unary_stream(...)` / `channel.stream_unary(...)` with the
(de)serializers of `tcm_contracts.wire` (betterproto2 messages, encoded by upb).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterable, Iterable
from typing import ClassVar, TypeVar, cast

import betterproto2
import grpc
import grpc.aio

from tcm_contracts import wire
from tcm_contracts.client.credentials import Metadata, TokenSource, call_metadata
from tcm_contracts.client.deadline import checked_timeout
from tcm_contracts.client.retry import DEFAULT_RETRY_POLICY, RetryPolicy
from tcm_contracts.descriptors import Rpc, find_rpc

ResponseT = TypeVar("ResponseT", bound=betterproto2.Message)


class ServiceClient:
    """Base of the typed clients of one service over a `grpc.aio.Channel` the caller owns.

    `token` is sent as `authorization: Bearer <token>` on every call (None sends no authorization,
    which the server answers with UNAUTHENTICATED). `metadata` is added to every call, before the
    per-call metadata. Idempotent unary reads (Get/List, marked NO_SIDE_EFFECTS in the .proto) are
    retried on UNAVAILABLE as `retry` says; nothing else is retried, server streams neither (a watcher
    re-subscribes: the first message of WatchTestSuite is the current state). Every call needs
    `timeout=` seconds: the deadline, which covers all attempts of the call (for a stream, its whole
    life). Use a long-lived channel; channel options and interceptors belong to the channel.
    """

    SERVICE: ClassVar[str]

    def __init__(
        self,
        channel: grpc.aio.Channel,
        *,
        token: TokenSource | None,
        retry: RetryPolicy = DEFAULT_RETRY_POLICY,
        metadata: Metadata = (),
    ) -> None:
        self._channel = channel
        self._token = token
        self._retry = retry
        self._metadata = tuple(metadata)

    async def _unary(
        self,
        name: str,
        request: betterproto2.Message,
        response_type: type[ResponseT],
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline, sent to the server)
        metadata: Metadata,
    ) -> ResponseT:
        seconds = checked_timeout(timeout)
        rpc = self._rpc(name, request, response_type, streaming=False)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        call = self._channel.unary_unary(
            rpc.path, request_serializer=wire.serialize, response_deserializer=wire.parser(rpc.response_type)
        )
        call_md = await call_metadata(self._token, self._metadata, metadata)
        attempts = 0
        while True:
            attempts += 1
            try:
                response = await call(request, timeout=max(deadline - loop.time(), 0.001), metadata=call_md)
            except grpc.aio.AioRpcError as error:
                if not (rpc.idempotent and self._retry.should_retry(error.code(), attempts)):
                    raise
                pause = self._retry.backoff(attempts)
                if loop.time() + pause >= deadline:
                    raise
                await asyncio.sleep(pause)
            else:
                return cast(ResponseT, response)

    def _server_stream(
        self,
        name: str,
        request: betterproto2.Message,
        response_type: type[ResponseT],
        *,
        timeout: float,
        metadata: Metadata,
    ) -> AsyncGenerator[ResponseT, None]:
        # Checked here, when the call is made, not when the caller starts iterating.
        seconds = checked_timeout(timeout)
        rpc = self._rpc(name, request, response_type, streaming=True)
        return self._stream(rpc, request, seconds, metadata)

    async def _stream(
        self, rpc: Rpc, request: betterproto2.Message, seconds: float, metadata: Metadata
    ) -> AsyncGenerator[ResponseT, None]:
        call_md = await call_metadata(self._token, self._metadata, metadata)
        call = self._channel.unary_stream(
            rpc.path, request_serializer=wire.serialize, response_deserializer=wire.parser(rpc.response_type)
        )(request, timeout=seconds, metadata=call_md)
        try:
            async for response in call:
                yield cast(ResponseT, response)
        finally:
            call.cancel()  # the caller stopped early (or the stream ended: then a no-op)

    async def _client_stream(
        self,
        name: str,
        requests: AsyncIterable[betterproto2.Message] | Iterable[betterproto2.Message],
        response_type: type[ResponseT],
        *,
        timeout: float,  # noqa: ASYNC109 (a gRPC deadline, sent to the server)
        metadata: Metadata,
    ) -> ResponseT:
        """Sends every request, half-closes, and answers the server's one response. Never retried: the
        requests are consumed as they are sent."""
        seconds = checked_timeout(timeout)
        rpc = find_rpc(self.SERVICE, name)
        if not rpc.client_streaming or rpc.response_type is not response_type:
            raise TypeError(f"{type(self).__name__} calls {rpc.path} with the wrong shape")
        call_md = await call_metadata(self._token, self._metadata, metadata)
        call = self._channel.stream_unary(
            rpc.path, request_serializer=wire.serialize, response_deserializer=wire.parser(rpc.response_type)
        )(_checked_requests(rpc, requests), timeout=seconds, metadata=call_md)
        response: ResponseT = await call
        return response

    def _rpc(
        self, name: str, request: betterproto2.Message, response_type: type[ResponseT], *, streaming: bool
    ) -> Rpc:
        rpc = find_rpc(self.SERVICE, name)
        if rpc.client_streaming or rpc.server_streaming != streaming or rpc.response_type is not response_type:
            raise TypeError(f"{type(self).__name__} calls {rpc.path} with the wrong shape")
        _check_request(rpc, request)
        return rpc


def _check_request(rpc: Rpc, request: object) -> None:
    if not isinstance(request, rpc.request_type):
        raise TypeError(f"{rpc.path} takes {rpc.request_type.__name__}, not {type(request).__name__}")


async def _checked_requests(
    rpc: Rpc, requests: AsyncIterable[betterproto2.Message] | Iterable[betterproto2.Message]
) -> AsyncGenerator[betterproto2.Message, None]:
    if isinstance(requests, AsyncIterable):
        async for request in requests:
            _check_request(rpc, request)
            yield request
    else:
        for request in requests:
            _check_request(rpc, request)
            yield request
