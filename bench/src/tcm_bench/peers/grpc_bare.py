"""`python -m tcm_bench.peers.grpc_bare`: the bare grpc.aio peer of our gRPC service. GetTestSuite with
groups and cases: the same bearer API-token check, the statements of `python_reads` on one pooled
connection per call, the answer in the standard protobuf classes generated at the benchmark's start."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

import asyncpg
import grpc
import grpc.aio

from tcm_bench.peers.grpc_messages import ResponseBuilder
from tcm_bench.peers.grpc_serving import authorization, serve_grpc
from tcm_bench.peers.protos import SUITE_SERVICE, suite_protos
from tcm_bench.peers.python_reads import read_tree
from tcm_bench.peers.settings import POOL_MAX_SIZE, POOL_MIN_SIZE, peer_settings
from tcm_bench.peers.token_check import token_in_use


class SuiteReader:
    def __init__(self, pool: asyncpg.Pool, builder: ResponseBuilder) -> None:
        self._pool = pool
        self._builder = builder

    async def get_test_suite(self, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        try:
            suite_id = UUID(request.id)
        except ValueError:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "id: not a UUID")
        async with self._pool.acquire() as db:
            if not await token_in_use(db, authorization(context)):
                await context.abort(grpc.StatusCode.UNAUTHENTICATED, "unknown, expired or revoked API token")
            tree = await read_tree(db, suite_id)
        if tree is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "test suite not found")
        return self._builder.suite_response(tree, peer_settings().today())


async def main() -> None:
    settings = peer_settings()
    if settings.proto_modules is None:
        raise SystemExit("BENCH_PEER_PROTO_MODULES is not set")
    protos = suite_protos(settings.proto_modules)
    async with asyncpg.create_pool(settings.database_url, min_size=POOL_MIN_SIZE, max_size=POOL_MAX_SIZE) as pool:
        reader = SuiteReader(pool, ResponseBuilder(protos))
        # What the generated add_TestSuiteServiceServicer_to_server registers, for the one RPC measured.
        handler = grpc.method_handlers_generic_handler(
            SUITE_SERVICE,
            {
                "GetTestSuite": grpc.unary_unary_rpc_method_handler(
                    reader.get_test_suite,
                    request_deserializer=protos.service.GetTestSuiteRequest.FromString,
                    response_serializer=protos.service.GetTestSuiteResponse.SerializeToString,
                )
            },
        )
        await serve_grpc(lambda server: server.add_generic_rpc_handlers((handler,)))


if __name__ == "__main__":
    asyncio.run(main())
