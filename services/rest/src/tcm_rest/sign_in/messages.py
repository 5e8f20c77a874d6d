"""What the /auth routes accept and answer: never a token, which travels only in cookies."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tcm_common.auth.sessions import IssuedSession
from tcm_common.domain.principal import Role
from tcm_rest.wire import Representation, RequestBody, text

# Generous bounds: the login check itself must not reveal the password rules.
_MAX_CREDENTIAL_LENGTH = 1024


class Login(RequestBody):
    username: Annotated[str, text(max_length=_MAX_CREDENTIAL_LENGTH)]
    password: Annotated[str, text(max_length=_MAX_CREDENTIAL_LENGTH)]


class SignedIn(Representation):
    user_id: UUID
    username: str
    role: Role
    access_expires_at: Annotated[datetime, msgspec.Meta(description="Refresh (POST /auth/refresh) before this moment.")]
    session_expires_at: Annotated[datetime, msgspec.Meta(description="Sign in again after this moment.")]

    @classmethod
    def of(cls, issued: IssuedSession) -> SignedIn:
        return cls(
            user_id=issued.principal.user_id,
            username=issued.principal.username,
            role=issued.principal.role,
            access_expires_at=issued.access_expires_at,
            session_expires_at=issued.refresh_expires_at,
        )
