"""`python -m tcm_bench.peers.starlette_floor`: the floor of the REST reads. Bare Starlette + asyncpg: the
same bearer API-token check, then one statement that returns the whole answer as JSON text (`floor_sql`),
sent as it is; one pooled connection per request."""

from __future__ import annotations

from uuid import UUID

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tcm_bench.peers import floor_sql
from tcm_bench.peers.http_serving import pool_in_state, serve_http
from tcm_bench.peers.settings import peer_settings
from tcm_bench.peers.token_check import token_in_use

SETTINGS = peer_settings()
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
UNAUTHORISED = JSONResponse({"detail": "unknown, expired or revoked API token"}, 401, {"www-authenticate": "Bearer"})


def _json(text: str | None) -> Response:
    if text is None:
        return JSONResponse({"detail": "test suite not found"}, 404)
    return Response(text, media_type="application/json")


async def suite_tree(request: Request) -> Response:
    if request.query_params.get("include") != "groups.cases":
        return JSONResponse({"detail": "this peer answers only include=groups.cases"}, 400)
    try:
        suite_id = UUID(request.path_params["suite_id"])
    except ValueError:
        return JSONResponse({"detail": "not a suite id"}, 400)
    async with request.app.state.pool.acquire() as db:
        if not await token_in_use(db, request.headers.get("authorization")):
            return UNAUTHORISED
        text = await db.fetchval(floor_sql.TREE, suite_id, SETTINGS.today(), floor_sql.CONSTANTS)
    return _json(text)


async def suite_page(request: Request) -> Response:
    try:
        limit = int(request.query_params.get("limit", DEFAULT_PAGE_SIZE))
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_PAGE_SIZE:
        return JSONResponse({"detail": f"limit must be 1 to {MAX_PAGE_SIZE}"}, 400)
    async with request.app.state.pool.acquire() as db:
        if not await token_in_use(db, request.headers.get("authorization")):
            return UNAUTHORISED
        text = await db.fetchval(floor_sql.PAGE, limit, floor_sql.CONSTANTS)
    return _json(text)


async def ready(_request: Request) -> Response:
    return JSONResponse({"status": "ready"})


app = Starlette(
    routes=[
        Route("/ready", ready),
        Route("/api/v1/test-suites", suite_page),
        Route("/api/v1/test-suites/{suite_id}", suite_tree),
    ],
    lifespan=pool_in_state,
)

if __name__ == "__main__":
    serve_http(app)
