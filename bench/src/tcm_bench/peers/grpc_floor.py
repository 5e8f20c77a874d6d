"""`python -m tcm_bench.peers.grpc_floor`: the floor of gRPC GetTestSuite. Every suite's reply is built
once at start (as grpc_bare builds it) and kept serialised; a call parses the request, compares the
bearer token's digest with the usable tokens' digests read at start, and sends the prebuilt bytes."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import grpc
import grpc.aio

from tcm_bench.peers.grpc_messages import ResponseBuilder
from tcm_bench.peers.grpc_serving import authorization, serve_grpc
from tcm_bench.peers.protos import SUITE_SERVICE, SuiteProtos, suite_protos
from tcm_bench.peers.python_reads import read_tree
from tcm_bench.peers.settings import peer_settings
from tcm_bench.peers.token_check import bearer_token
from tcm_common.auth.opaque_tokens import digest

USABLE_TOKENS = "SELECT token_hash FROM api_tokens WHERE revoked_at IS NULL AND expires_at > now()"


async def prebuilt_replies(database_url: str, protos: SuiteProtos) -> tuple[dict[str, bytes], set[bytes]]:
    builder = ResponseBuilder(protos)
    today = peer_settings().today()
    connection = await asyncpg.connect(database_url)
    try:
        replies: dict[str, bytes] = {}
        for suite_id in [row["id"] for row in await connection.fetch("SELECT id FROM test_suites")]:
            tree = await read_tree(connection, suite_id)
            if tree is not None:
                replies[str(suite_id)] = builder.suite_response(tree, today).SerializeToString()
        tokens = {bytes(row["token_hash"]) for row in await connection.fetch(USABLE_TOKENS)}
    finally:
        await connection.close()
    return replies, tokens


async def main() -> None:
    settings = peer_settings()
    if settings.proto_modules is None:
        raise SystemExit("BENCH_PEER_PROTO_MODULES is not set")
    protos = suite_protos(settings.proto_modules)
    replies, tokens = await prebuilt_replies(settings.database_url, protos)

    async def get_test_suite(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> bytes:
        token = bearer_token(authorization(context))
        if token is None or digest(token) not in tokens:
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, "unknown, expired or revoked API token")
        reply = replies.get(request.id)
        if reply is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "test suite not found")
        return reply

    # No response serializer: the handler returns the reply's bytes as they are.
    handler = grpc.method_handlers_generic_handler(
        SUITE_SERVICE,
        {
            "GetTestSuite": grpc.unary_unary_rpc_method_handler(
                get_test_suite, request_deserializer=protos.service.GetTestSuiteRequest.FromString
            )
        },
    )
    await serve_grpc(lambda server: server.add_generic_rpc_handlers((handler,)))


if __name__ == "__main__":
    asyncio.run(main())
