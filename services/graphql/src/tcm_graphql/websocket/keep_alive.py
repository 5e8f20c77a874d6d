"""Keep-alive of a subscription socket: the server pings, the client must answer with a pong.

Idle sockets are cut by whatever sits in between (the ALB after 120 s idle): the SPA pings more often
than that, and so does the server, which also closes a connection whose client stopped answering (a
laptop that went to sleep, a network that dropped), so its subscriptions stop holding resources.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KeepAlive:
    ping_every_seconds: float = 30.0
    pong_within_seconds: float = 15.0


DEFAULT_KEEP_ALIVE = KeepAlive()
