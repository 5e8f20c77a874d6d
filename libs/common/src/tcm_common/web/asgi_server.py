"""Runs an ASGI app the way every HTTP service of the platform runs: uvicorn, graceful SIGTERM."""

from __future__ import annotations

import signal

import uvicorn

from tcm_common.listen_address import ListenAddress

# In-flight requests get this long to finish after SIGTERM; ECS waits 30 s before SIGKILL.
GRACEFUL_SHUTDOWN_SECONDS = 20


def serve(app: object, address: ListenAddress) -> None:
    config = uvicorn.Config(
        app,  # type: ignore[arg-type]
        host=address.host,
        port=address.port,
        proxy_headers=True,
        server_header=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        log_config=None,
        access_log=False,
    )
    # uvicorn re-raises the stop signal after its graceful shutdown, which the previous handler then
    # receives; ignoring it there makes a requested stop a clean exit (code 0) instead of a kill.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: None)
    uvicorn.Server(config).run()
