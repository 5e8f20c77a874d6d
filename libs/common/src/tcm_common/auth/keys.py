"""Ed25519 keys for access tokens: loading them from configuration, and making a pair for tests and dev.

There is no built-in key anywhere. For a development machine:

    python -m tcm_common.auth.keys dev-2026-11     # prints TCM_JWT_* lines for an env file
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from joserfc.jwk import OKPKey


class InvalidKeyError(ValueError):
    """A configured key is unusable; the message names the variable and never shows the key."""


@dataclass(frozen=True, slots=True)
class SigningKeyPair:
    private_pem: str = field(repr=False)
    public_pem: str


@dataclass(frozen=True, slots=True)
class SigningKey:
    key_id: str
    key: OKPKey = field(repr=False)


def generate_signing_key_pair() -> SigningKeyPair:
    private = Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return SigningKeyPair(private_pem=private_pem.decode(), public_pem=public_pem.decode())


def key_environment(key_id: str, pair: SigningKeyPair | None = None) -> dict[str, str]:
    """The TCM_JWT_* variables of a service that both signs and verifies with one (new) key pair."""
    pair = pair or generate_signing_key_pair()
    return {
        "TCM_JWT_PRIVATE_KEY": pair.private_pem,
        "TCM_JWT_PRIVATE_KEY_ID": key_id,
        "TCM_JWT_PUBLIC_KEYS": json.dumps({key_id: pair.public_pem}),
    }


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _load_public(key_id: str, pem: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem.encode())
    except ValueError as error:
        raise InvalidKeyError(f"TCM_JWT_PUBLIC_KEYS[{key_id!r}] is not a readable PEM public key") from error
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidKeyError(f"TCM_JWT_PUBLIC_KEYS[{key_id!r}] must be an Ed25519 public key")
    return key


def load_verification_keys(public_pems: Mapping[str, str]) -> dict[str, OKPKey]:
    """Key id -> public key; two entries while keys rotate (tokens of the old key stay valid)."""
    if not public_pems:
        raise InvalidKeyError("TCM_JWT_PUBLIC_KEYS holds no key, so no access token could be verified")
    return {key_id: OKPKey.import_key(_load_public(key_id, pem)) for key_id, pem in public_pems.items()}


def load_signing_key(private_pem: str, key_id: str, public_pems: Mapping[str, str]) -> SigningKey:
    """The private key must match the public key published under its id, or nobody could verify."""
    try:
        private = serialization.load_pem_private_key(private_pem.encode(), password=None)
    except (ValueError, TypeError) as error:
        # The library's message may quote key material, so it is not passed on.
        raise InvalidKeyError("TCM_JWT_PRIVATE_KEY is not a readable, unencrypted PEM private key") from error
    if not isinstance(private, Ed25519PrivateKey):
        raise InvalidKeyError("TCM_JWT_PRIVATE_KEY must be an Ed25519 private key")
    published = public_pems.get(key_id)
    if published is None:
        raise InvalidKeyError(f"TCM_JWT_PUBLIC_KEYS has no key for TCM_JWT_PRIVATE_KEY_ID={key_id!r}")
    if _raw_public(_load_public(key_id, published)) != _raw_public(private.public_key()):
        raise InvalidKeyError(
            f"TCM_JWT_PRIVATE_KEY does not match TCM_JWT_PUBLIC_KEYS[{key_id!r}]; tokens would not verify"
        )
    return SigningKey(key_id=key_id, key=OKPKey.import_key(private))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tcm_common.auth.keys KEY_ID", file=sys.stderr)
        return 2
    for name, value in key_environment(argv[0]).items():
        print(f"{name}={json.dumps(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
