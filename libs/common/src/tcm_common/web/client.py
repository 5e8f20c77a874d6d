"""Who is calling, as far as an HTTP request tells: the client address and the user agent.

Each proxy in front of the service appends the address of its peer to X-Forwarded-For; entries to the
left of what the trusted proxies appended are whatever the client sent and may be forged. So the address
is the entry `trusted_proxies` places from the right (1: directly behind the ALB or the local edge; 2:
behind CloudFront and then the ALB; 0: nothing in front, the peer itself), or the peer without the header.
Unless a caller passes it, the count is the service's setting TCM_TRUSTED_PROXY_HOPS.
"""

from __future__ import annotations

from litestar.connection import ASGIConnection

from tcm_common.auth.client_info import ClientInfo
from tcm_common.web.runtime import runtime_of


def forwarded_address(forwarded_for: str | None, peer: str | None, trusted_proxies: int = 1) -> str | None:
    if trusted_proxies <= 0:
        return peer
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    if not hops:
        return peer
    # Fewer hops than proxies means someone skipped a proxy; the leftmost is the best we know.
    return hops[max(0, len(hops) - trusted_proxies)]


def client_info(connection: ASGIConnection, trusted_proxies: int | None = None) -> ClientInfo:  # type: ignore[type-arg]
    if trusted_proxies is None:
        trusted_proxies = runtime_of(connection).settings.http.trusted_proxy_hops
    peer = connection.client.host if connection.client else None
    address = forwarded_address(connection.headers.get("x-forwarded-for"), peer, trusted_proxies)
    return ClientInfo(address=address, user_agent=connection.headers.get("user-agent")).bounded()
