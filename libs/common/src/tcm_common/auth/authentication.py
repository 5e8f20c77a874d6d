"""The one entry point that turns request credentials into a Principal, for every service and protocol.

    auth = await authenticator.authenticate(authorization=headers.get("authorization"),
                                            access_cookie=cookies.get(cookie_policy.access_cookie_name))
    auth.principal   # user id, username, current role
    auth.source      # COOKIE -> apply the CSRF guard to state-changing requests

Accepted: `Authorization: Bearer <access token>`, `Authorization: Bearer tcm_...` (API token), or the
access cookie. An Authorization header wins over the cookie and, when malformed, is refused rather than
ignored. Every success checks the database: the session (or API token) must still be active and the user
enabled, so logout, revocation and disabling take effect at once, not when a token expires.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tcm_common.auth.access_tokens import AccessTokenVerifier
from tcm_common.auth.opaque_tokens import digest, is_api_token
from tcm_common.auth.ports import AuthStorage
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.principal import Principal
from tcm_common.telemetry.caller import record_caller

logger = logging.getLogger(__name__)

CREDENTIALS_REFUSED = "the credentials are invalid, expired or revoked"
MALFORMED_AUTHORIZATION = "the Authorization header must be 'Bearer <token>'"


class CredentialSource(enum.StrEnum):
    BEARER_TOKEN = "BEARER_TOKEN"  # noqa: S105 - names a kind of credential
    API_TOKEN = "API_TOKEN"  # noqa: S105 - names a kind of credential
    COOKIE = "COOKIE"


@dataclass(frozen=True, slots=True)
class Authentication:
    principal: Principal
    source: CredentialSource
    # When the credential stops being valid (a WebSocket should close then at the latest).
    expires_at: datetime
    # The browser/login session behind an access token; None for API tokens.
    session_id: UUID | None


def _bearer_token(authorization: str) -> str:
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise Unauthenticated(MALFORMED_AUTHORIZATION)
    return token


class Authenticator:
    def __init__(self, storage: AuthStorage, verifier: AccessTokenVerifier) -> None:
        self._storage = storage
        self._verifier = verifier

    async def authenticate(
        self, *, authorization: str | None = None, access_cookie: str | None = None
    ) -> Authentication:
        """The caller's Authentication, or Unauthenticated (also when no credential was sent).

        The caller's user id and role go on the request's span and access-log line.
        """
        authentication = await self._verified(authorization, access_cookie)
        record_caller(authentication.principal)
        return authentication

    async def _verified(self, authorization: str | None, access_cookie: str | None) -> Authentication:
        if authorization is not None:
            token = _bearer_token(authorization)
            if is_api_token(token):
                return await self._api_token(token)
            return await self._access_token(token, CredentialSource.BEARER_TOKEN)
        if access_cookie:
            return await self._access_token(access_cookie, CredentialSource.COOKIE)
        raise Unauthenticated()

    async def _access_token(self, token: str, source: CredentialSource) -> Authentication:
        claims = self._verifier.verify(token)
        async with self._storage.connection() as db:
            principal = await db.sessions.principal_of_active_session(
                session_id=claims.session_id, user_id=claims.user_id
            )
        if principal is None:
            logger.info("access token of an ended session refused (session %s)", claims.session_id)
            raise Unauthenticated(CREDENTIALS_REFUSED)
        return Authentication(
            principal=principal, source=source, expires_at=claims.expires_at, session_id=claims.session_id
        )

    async def _api_token(self, token: str) -> Authentication:
        async with self._storage.connection() as db:
            use = await db.api_tokens.use_api_token(digest(token))
        if use is None:
            logger.info("unknown, expired or revoked API token refused")
            raise Unauthenticated(CREDENTIALS_REFUSED)
        return Authentication(
            principal=use.principal,
            source=CredentialSource.API_TOKEN,
            expires_at=use.expires_at,
            session_id=None,
        )
