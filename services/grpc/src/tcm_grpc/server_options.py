"""Channel arguments of the gRPC server: message size limits and keepalive.

Message sizes
- Requests up to 1 MiB. The largest legitimate request (a description of 10,000 characters, or the
  group ids of a reorder) is far below that; a bigger one is refused with RESOURCE_EXHAUSTED before
  anything parses it.
- Responses up to 4 MiB, the receive limit of a default gRPC client: a larger response would fail
  on the client anyway. Lists are paged (at most 200 entries) to stay well below it.

Keepalive
- The server pings a connection that has been quiet for 30 s and drops it when the ping is not
  answered within 10 s: a watch stream whose client vanished is noticed, and a quiet watch stream
  stays inside the load balancer's idle timeout (60 s on the ALB).
- Clients may send keepalive pings every 10 s or less often, with or without calls open; more
  frequent pings count as abuse and end in GOAWAY (too_many_pings).
- A connection without calls for 5 minutes is closed; clients reconnect on their next call.

SO_REUSEPORT is off, so that a second process cannot silently share the port with a running one.
"""

from __future__ import annotations

from typing import Final

MAX_RECEIVE_MESSAGE_BYTES: Final = 1024 * 1024
MAX_SEND_MESSAGE_BYTES: Final = 4 * 1024 * 1024
KEEPALIVE_TIME_MS: Final = 30_000
KEEPALIVE_TIMEOUT_MS: Final = 10_000
MIN_CLIENT_PING_INTERVAL_MS: Final = 10_000
MAX_CONNECTION_IDLE_MS: Final = 5 * 60_000

SERVER_OPTIONS: Final[tuple[tuple[str, int], ...]] = (
    ("grpc.max_receive_message_length", MAX_RECEIVE_MESSAGE_BYTES),
    ("grpc.max_send_message_length", MAX_SEND_MESSAGE_BYTES),
    ("grpc.keepalive_time_ms", KEEPALIVE_TIME_MS),
    ("grpc.keepalive_timeout_ms", KEEPALIVE_TIMEOUT_MS),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.min_ping_interval_without_data_ms", MIN_CLIENT_PING_INTERVAL_MS),
    ("grpc.max_connection_idle_ms", MAX_CONNECTION_IDLE_MS),
    ("grpc.so_reuseport", 0),
)
