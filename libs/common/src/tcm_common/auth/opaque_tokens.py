"""Random secrets handed out once and stored only as SHA-256 digests: refresh tokens and API tokens.

Both carry 256 bits of randomness, so a fast hash is enough: nobody can guess one to match a digest
(a slow password hash protects only low-entropy human passwords).
"""

from __future__ import annotations

import hashlib
import secrets

API_TOKEN_PREFIX = "tcm_"  # noqa: S105 - the public prefix, not a secret
_SECRET_BYTES = 32
# How much of the random part a token's display prefix shows: 4 base64url characters, 24 of its 256 bits.
DISPLAY_CHARACTERS = 4


def new_refresh_token() -> str:
    return secrets.token_urlsafe(_SECRET_BYTES)


def new_api_token() -> str:
    # The prefix makes a leaked token recognisable (secret scanners, logs) and tells it from a JWT.
    return API_TOKEN_PREFIX + secrets.token_urlsafe(_SECRET_BYTES)


def display_prefix(api_token: str) -> str:
    """The non-secret start of an API token that lists show (e.g. `tcm_ab12`), never more of it."""
    return api_token[: len(API_TOKEN_PREFIX) + DISPLAY_CHARACTERS]


def is_api_token(token: str) -> bool:
    return token.startswith(API_TOKEN_PREFIX)


def digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def _successor_key_stream(token: str, length: int) -> bytes:
    return hashlib.shake_256(b"tcm refresh-token successor\0" + token.encode()).digest(length)


def seal_successor(token: str, successor: str) -> bytes:
    """`successor` sealed with `token`: only a holder of `token` can read it back (a one-time key stream
    from 256 random bits, used for this one successor only)."""
    plain = successor.encode()
    return bytes(a ^ b for a, b in zip(plain, _successor_key_stream(token, len(plain)), strict=True))


def unseal_successor(token: str, sealed: bytes) -> str:
    return bytes(a ^ b for a, b in zip(sealed, _successor_key_stream(token, len(sealed)), strict=True)).decode()
