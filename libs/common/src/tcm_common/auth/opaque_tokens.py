"""Random secrets handed out once and stored only as SHA-256 digests: refresh tokens and API tokens.

Both carry 256 bits of randomness, so a fast hash is enough: nobody can guess one to match a digest
(a slow password hash protects only low-entropy human passwords).
"""

from __future__ import annotations

import hashlib
import secrets

API_TOKEN_PREFIX = "tcm_"  # noqa: S105 - the public prefix, not a secret
_SECRET_BYTES = 32


def new_refresh_token() -> str:
    return secrets.token_urlsafe(_SECRET_BYTES)


def new_api_token() -> str:
    # The prefix makes a leaked token recognisable (secret scanners, logs) and tells it from a JWT.
    return API_TOKEN_PREFIX + secrets.token_urlsafe(_SECRET_BYTES)


def is_api_token(token: str) -> bool:
    return token.startswith(API_TOKEN_PREFIX)


def digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()
