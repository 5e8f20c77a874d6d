"""Whether this process is draining: asked to stop (SIGTERM) but still serving for a moment.

A stop signal is process-wide, so is this state. While draining, /ready answers 503 so that the load
balancer stops sending new requests; requests keep being served until the server stops listening
(tcm_common.asgi_server, docs/reliability.md).
"""

from __future__ import annotations


class DrainState:
    def __init__(self) -> None:
        self._draining = False

    @property
    def draining(self) -> bool:
        return self._draining

    def begin(self) -> None:
        self._draining = True


PROCESS_DRAIN = DrainState()
