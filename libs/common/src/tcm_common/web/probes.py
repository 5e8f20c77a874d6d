"""Load balancer probes: /health (liveness, no I/O at all) and /ready (the database answers, and the
process is not stopping)."""

from __future__ import annotations

from litestar import Request, Response, get
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

from tcm_common.web.draining import PROCESS_DRAIN
from tcm_common.web.runtime import runtime_of


@get("/health", sync_to_thread=False)
def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/ready")
async def ready(request: Request) -> Response[dict[str, str]]:  # type: ignore[type-arg]
    if PROCESS_DRAIN.draining:
        return Response({"status": "unavailable", "reason": "stopping"}, status_code=HTTP_503_SERVICE_UNAVAILABLE)
    if await runtime_of(request).platform.database_ready():
        return Response({"status": "ready"}, status_code=HTTP_200_OK)
    return Response({"status": "unavailable", "reason": "database"}, status_code=HTTP_503_SERVICE_UNAVAILABLE)
