"""What the /me routes accept and answer."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from tcm_common.auth.ports import SessionInfo
from tcm_rest.users.messages import Password
from tcm_rest.wire import Representation, RequestBody


class OwnPasswordChange(RequestBody):
    current_password: Password
    new_password: Password


class Session(Representation):
    """A signed-in browser session (a refresh-token family)."""

    id: UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    user_agent: str | None
    client_address: str | None
    current: bool

    @classmethod
    def of(cls, info: SessionInfo, current_session_id: UUID | None) -> Session:
        return cls(
            id=info.id,
            created_at=info.created_at,
            last_used_at=info.last_used_at,
            expires_at=info.expires_at,
            user_agent=info.user_agent,
            client_address=info.client_address,
            current=info.id == current_session_id,
        )
