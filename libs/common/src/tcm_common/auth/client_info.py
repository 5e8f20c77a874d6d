"""What a protocol adapter knows about the caller of login/refresh: its address and user agent."""

from __future__ import annotations

from dataclasses import dataclass

_MAX_ADDRESS = 64
_MAX_USER_AGENT = 512


@dataclass(frozen=True, slots=True)
class ClientInfo:
    """`address` is the client's IP as the service determined it (behind the ALB: X-Forwarded-For)."""

    address: str | None = None
    user_agent: str | None = None

    def bounded(self) -> ClientInfo:
        # Both are caller-controlled; stored and compared only in bounded form.
        return ClientInfo(
            address=self.address[:_MAX_ADDRESS] if self.address else None,
            user_agent=self.user_agent[:_MAX_USER_AGENT] if self.user_agent else None,
        )
