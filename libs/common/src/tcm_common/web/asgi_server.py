"""Runs an ASGI app the way every HTTP service of the platform runs: uvicorn, graceful SIGTERM.

On SIGTERM the process first drains: /ready answers 503 (the load balancer stops sending requests)
while everything is still served, for DRAIN_SECONDS. Then uvicorn stops listening, closes idle
connections and WebSockets (close code 1012, "service restart": clients reconnect elsewhere), and
gives in-flight requests GRACEFUL_SHUTDOWN_SECONDS to finish. A second signal skips the drain.
"""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

import uvicorn

from tcm_common.listen_address import ListenAddress
from tcm_common.web.draining import PROCESS_DRAIN, DrainState

DRAIN_SECONDS = 3.0
# Longer than the ALB's idle timeout (120 s): the load balancer, not the service, closes an idle
# connection, so it never sends a request on a connection the service is closing at that moment.
KEEP_ALIVE_SECONDS = 125
# In-flight requests get this long to finish after the drain; ECS waits 30 s before SIGKILL.
GRACEFUL_SHUTDOWN_SECONDS = 20


class ClosingWhileDraining:
    """ASGI middleware: while draining, every response says `Connection: close`, so that clients stop
    reusing their keep-alive connections before the server closes them (a request sent on a
    connection just as it is closed would fail without having been read)."""

    def __init__(self, app: Any, drain: DrainState) -> None:
        self._app = app
        self._drain = drain

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return

        async def send_closing(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and self._drain.draining:
                message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        await self._app(scope, receive, send_closing)


class DrainingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, drain: DrainState, drain_seconds: float) -> None:
        super().__init__(config)
        self._drain = drain
        self._drain_seconds = drain_seconds
        self._stop_at: float | None = None

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self._stop_at is None and self._drain_seconds > 0:
            # Only flags here (a signal handler); on_tick, on the event loop, stops once the drain is over.
            self._drain.begin()
            self._stop_at = time.monotonic() + self._drain_seconds
            return
        super().handle_exit(sig, frame)

    async def on_tick(self, counter: int) -> bool:
        if self._stop_at is not None and time.monotonic() >= self._stop_at:
            self.should_exit = True
        return await super().on_tick(counter)


def serve(app: object, address: ListenAddress, *, drain_seconds: float = DRAIN_SECONDS) -> None:
    config = uvicorn.Config(
        ClosingWhileDraining(app, PROCESS_DRAIN),
        host=address.host,
        port=address.port,
        proxy_headers=True,
        server_header=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        log_config=None,
        access_log=False,
    )
    # uvicorn re-raises the stop signal after its graceful shutdown, which the previous handler then
    # receives; ignoring it there makes a requested stop a clean exit (code 0) instead of a kill.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: None)
    DrainingServer(config, PROCESS_DRAIN, drain_seconds).run()
