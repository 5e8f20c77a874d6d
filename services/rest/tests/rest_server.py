"""The REST app served over real HTTP from a thread of the test process, on its own event loop."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from litestar import Litestar

from tcm_common.testing.service_process import free_port
from tcm_common.testing.waiting import wait_until


@contextmanager
def serving(app: Litestar, timeout: float = 30.0) -> Iterator[str]:
    """Yields the base URL once the server listens; stops it gracefully afterwards."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="rest-server", daemon=True)
    thread.start()
    wait_until(lambda: server.started or not thread.is_alive(), within=timeout, what="the REST app starting")
    assert server.started, "the REST app did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
