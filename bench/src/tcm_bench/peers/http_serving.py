"""How the HTTP peers are served: uvicorn as our services run it (one process, no access log, no server
header; uvloop and httptools when installed), on the port the benchmark chose."""

from __future__ import annotations

from typing import Any

import uvicorn

from tcm_bench.peers.settings import HOST, peer_settings


def serve_http(app: Any) -> None:
    uvicorn.run(app, host=HOST, port=peer_settings().port, log_config=None, access_log=False, server_header=False)
