"""How the HTTP peers are served: uvicorn as our services run it (one process, no access log, no server
header; uvloop and httptools when installed), on the port the benchmark chose, with their pool of
database connections in `app.state.pool` while the app runs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import uvicorn
from starlette.applications import Starlette

from tcm_bench.peers.settings import HOST, POOL_MAX_SIZE, POOL_MIN_SIZE, peer_settings


@asynccontextmanager
async def pool_in_state(app: Starlette) -> AsyncIterator[None]:
    """The lifespan of a peer's app (FastAPI is a Starlette): the pool opens before the first request."""
    app.state.pool = await asyncpg.create_pool(
        peer_settings().database_url, min_size=POOL_MIN_SIZE, max_size=POOL_MAX_SIZE
    )
    try:
        yield
    finally:
        await app.state.pool.close()


def serve_http(app: Any) -> None:
    uvicorn.run(app, host=HOST, port=peer_settings().port, log_config=None, access_log=False, server_header=False)
