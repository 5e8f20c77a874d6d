"""The graphql-transport-ws protocol: its name, message types and close codes.

https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md
"""

from __future__ import annotations

import enum

SUBPROTOCOL = "graphql-transport-ws"


class MessageType(enum.StrEnum):
    CONNECTION_INIT = "connection_init"
    CONNECTION_ACK = "connection_ack"
    PING = "ping"
    PONG = "pong"
    SUBSCRIBE = "subscribe"
    NEXT = "next"
    ERROR = "error"
    COMPLETE = "complete"


class CloseCode(enum.IntEnum):
    BAD_REQUEST = 4400  # invalid message
    UNAUTHORIZED = 4401  # no valid session; also when the session expires or is revoked
    FORBIDDEN = 4403  # handshake from an origin that is not allowed
    SUBPROTOCOL_NOT_ACCEPTABLE = 4406
    INIT_TIMEOUT = 4408
    SUBSCRIBER_EXISTS = 4409
    TOO_MANY_INIT_REQUESTS = 4429
    PONG_TIMEOUT = 4504  # ours: the client did not answer the server's ping in time
