"""Who is calling, as far as an HTTP request tells: the client address and the user agent.

The ALB appends the address of its peer to X-Forwarded-For; entries to the left of it are whatever
the client sent and may be forged. So the address is the entry `trusted_proxies` places from the right
(1: directly behind the ALB; 2: behind CloudFront and then the ALB), or the peer without the header.
"""

from __future__ import annotations

from litestar.connection import ASGIConnection

from tcm_common.auth.client_info import ClientInfo


def forwarded_address(forwarded_for: str | None, peer: str | None, trusted_proxies: int = 1) -> str | None:
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    if not hops:
        return peer
    # Fewer hops than proxies means someone skipped a proxy; the leftmost is the best we know.
    return hops[max(0, len(hops) - trusted_proxies)]


def client_info(connection: ASGIConnection, trusted_proxies: int = 1) -> ClientInfo:  # type: ignore[type-arg]
    peer = connection.client.host if connection.client else None
    address = forwarded_address(connection.headers.get("x-forwarded-for"), peer, trusted_proxies)
    return ClientInfo(address=address, user_agent=connection.headers.get("user-agent")).bounded()
