"""The one gRPC client of every gRPC contender: GetTestSuite over a generic method with raw bytes (no
message classes on the client side), so that the client costs the same whoever answers."""

from __future__ import annotations

import grpc
import grpc.aio

from tcm_bench.figures import RequestFailedError
from tcm_bench.peers.protos import GET_TEST_SUITE

DEADLINE_SECONDS = 60.0


class RawSuiteCaller:
    def __init__(self, channel: grpc.aio.Channel, token: str) -> None:
        # Without serializers, grpc.aio sends and returns bytes as they are.
        self._call: grpc.aio.UnaryUnaryMultiCallable[bytes, bytes] = channel.unary_unary(GET_TEST_SUITE)
        self._metadata = (("authorization", f"Bearer {token}"),)

    async def get(self, request: bytes) -> bytes:
        try:
            reply = await self._call(request, timeout=DEADLINE_SECONDS, metadata=self._metadata)
        except grpc.aio.AioRpcError as error:
            raise RequestFailedError(error.code().name, str(error.details())) from error
        if not isinstance(reply, bytes) or not reply:
            raise RequestFailedError("empty reply")
        return reply


def suite_requests(request_class: type, suite_ids: list[str]) -> list[bytes]:
    """GetTestSuiteRequest(id, include_cases=true) of each suite, serialised once."""
    return [request_class(id=suite_id, include_cases=True).SerializeToString() for suite_id in suite_ids]
