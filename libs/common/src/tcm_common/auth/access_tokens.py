"""Access tokens: short-lived JWTs signed with Ed25519, verified with public keys only.

Claims: iss, aud, sub (user id), role, sid (the session, i.e. refresh-token family), iat, nbf, exp, jti,
and `token_type: "access"`; header typ `at+jwt` (RFC 9068) and kid. Verification pins every one of
them, so a token of another type, issuer, audience, algorithm or key is refused whatever it claims.

Key rotation without downtime: the verifier holds the whole published set (key id -> public key) and
picks the key by the token's kid; the previous key carries a retirement time (one token lifetime plus a
margin after the switch), from which on tokens signed with it are refused even before it leaves the set.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from tcm_common.application.clock import SYSTEM_CLOCK, Clock
from tcm_common.auth.keys import SigningKey
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.principal import Role

# RFC 9864's fully specified name for EdDSA over Ed25519 (joserfc warns on the polymorphic "EdDSA").
ALGORITHM = "Ed25519"
HEADER_TYPE = "at+jwt"
TOKEN_TYPE = "access"  # noqa: S105 - a claim value, not a secret
LIFETIME = timedelta(minutes=15)
# Tolerated clock difference between the issuing and the verifying service.
LEEWAY = timedelta(seconds=30)
# Far above any token we issue; refuses oversized input before any parsing.
_MAX_TOKEN_LENGTH = 4096

REFUSED_MESSAGE = "the access token is invalid or has expired"

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IssuedAccessToken:
    token: str = field(repr=False)
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AccessTokenClaims:
    user_id: UUID
    role: Role
    session_id: UUID
    token_id: str
    expires_at: datetime


class AccessTokenIssuer:
    def __init__(
        self,
        signing_key: SigningKey,
        *,
        issuer: str,
        audience: str,
        lifetime: timedelta = LIFETIME,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self._key = signing_key
        self._issuer = issuer
        self._audience = audience
        self._lifetime = lifetime
        self._clock = clock

    def issue(self, *, user_id: UUID, role: Role, session_id: UUID) -> IssuedAccessToken:
        now = self._clock.now().replace(microsecond=0)
        expires_at = now + self._lifetime
        claims = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": str(user_id),
            "role": role.value,
            "sid": str(session_id),
            "token_type": TOKEN_TYPE,
            "iat": int(now.timestamp()),
            "nbf": int(now.timestamp()),
            "exp": int(expires_at.timestamp()),
            "jti": uuid.uuid4().hex,
        }
        header = {"alg": ALGORITHM, "kid": self._key.key_id, "typ": HEADER_TYPE}
        token = jwt.encode(header, claims, self._key.key, algorithms=[ALGORITHM])
        return IssuedAccessToken(token=token, expires_at=expires_at)


class AccessTokenVerifier:
    def __init__(
        self,
        public_keys: Mapping[str, OKPKey],
        *,
        issuer: str,
        audience: str,
        retirements: Mapping[str, datetime] | None = None,
        leeway: timedelta = LEEWAY,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self._keys = dict(public_keys)
        self._retirements = dict(retirements or {})
        self._leeway = int(leeway.total_seconds())
        self._clock = clock
        essential: jwt.ClaimsOption = {"essential": True}
        self._claims = jwt.JWTClaimsRegistry(
            now=lambda: int(self._clock.now().timestamp()),
            leeway=self._leeway,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": audience},
            token_type={"essential": True, "value": TOKEN_TYPE},
            role={"essential": True, "values": [role.value for role in Role]},
            sub=essential,
            sid=essential,
            iat=essential,
            nbf=essential,
            exp=essential,
            jti=essential,
        )

    def verify(self, token: str) -> AccessTokenClaims:
        """The token's claims, or Unauthenticated (one message whatever the reason; the reason is logged)."""
        try:
            return self._verify(token)
        except (JoseError, ValueError, KeyError, TypeError) as error:
            logger.info("access token refused: %s", type(error).__name__)
            raise Unauthenticated(REFUSED_MESSAGE) from None

    def _verify(self, token: str) -> AccessTokenClaims:
        if len(token) > _MAX_TOKEN_LENGTH:
            raise ValueError("token too long")
        header = jws.extract_compact(token.encode("ascii")).headers()
        if header.get("alg") != ALGORITHM or header.get("typ") != HEADER_TYPE:
            raise ValueError("unexpected algorithm or token type header")
        key_id = header.get("kid", "")
        key = self._keys.get(key_id)
        if key is None:
            raise ValueError("unknown key id")
        retire_at = self._retirements.get(key_id)
        if retire_at is not None and self._clock.now() >= retire_at:
            raise ValueError("retired key id")
        claims: dict[str, Any] = jwt.decode(token, key, algorithms=[ALGORITHM]).claims
        self._claims.validate(claims)
        return AccessTokenClaims(
            user_id=UUID(claims["sub"]),
            role=Role(claims["role"]),
            session_id=UUID(str(claims["sid"])),
            token_id=str(claims["jti"]),
            expires_at=datetime.fromtimestamp(claims["exp"], UTC),
        )
