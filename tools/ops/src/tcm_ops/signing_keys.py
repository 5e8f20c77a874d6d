"""`rotate-signing-key`: a new access-token signing key without downtime.

The services verify with every key of the published set (`/tcm/<env>/jwt/public-keys`, key id -> PEM, or
-> {"pem", "retire_at"} for a key on its way out) and sign with `/tcm/<env>/jwt/private-key` under
`/tcm/<env>/jwt/private-key-id`. Order, so that no task ever meets a token it cannot verify:

1. publish: a new Ed25519 pair; its public key joins the set (the private key waits in
   `/tcm/<env>/jwt/next-private-key`); every service is rolled, so every verifier knows it;
2. switch: the new pair becomes the signing key, the previous public key gets `retire_at` = now + one
   access-token lifetime + a margin; the issuers (rest, graphql) are rolled, then grpc;
3. retire: after `retire_at` the previous key leaves the set and every service is rolled again.

Each step reads where the previous run stopped from those parameters, so after a failure the same
command continues (a resumed switch rolls the issuers again and moves `retire_at` on accordingly).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tcm_ops.context import OpsContext
from tcm_ops.errors import OpsError
from tcm_ops.parameters import prefix
from tcm_ops.polling import Done, Pending, wait_for
from tcm_ops.rollout import deploy
from tcm_ops.services import SERVICES

# tcm_common.auth.access_tokens.LIFETIME (this tool imports no lib of the platform).
ACCESS_TOKEN_LIFETIME: Final = timedelta(minutes=15)
DEFAULT_MARGIN: Final = timedelta(minutes=5)
ISSUERS: Final = ("rest", "graphql")


@dataclass(frozen=True)
class PublishedKey:
    pem: str
    retire_at: datetime | None = None


@dataclass(frozen=True)
class RotateKeyOptions:
    margin: timedelta = DEFAULT_MARGIN
    timeout_seconds: float = 1200


def parse_key_set(text: str) -> dict[str, PublishedKey]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise OpsError(f"the published key set is not JSON: {exc}") from None
    if not isinstance(document, dict) or not document:
        raise OpsError("the published key set must be a non-empty JSON object of key id -> key")
    keys: dict[str, PublishedKey] = {}
    for kid, entry in document.items():
        if isinstance(entry, str):
            keys[kid] = PublishedKey(entry)
        elif isinstance(entry, dict) and isinstance(entry.get("pem"), str):
            retire_at = entry.get("retire_at")
            keys[kid] = PublishedKey(entry["pem"], datetime.fromisoformat(retire_at) if retire_at else None)
        else:
            raise OpsError(f"the published key set has an unreadable entry for {kid!r}")
    return keys


def render_key_set(keys: dict[str, PublishedKey]) -> str:
    document: dict[str, Any] = {
        kid: key.pem if key.retire_at is None else {"pem": key.pem, "retire_at": key.retire_at.isoformat()}
        for kid, key in sorted(keys.items())
    }
    return json.dumps(document)


def _new_pair() -> tuple[str, str]:
    private = Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private_pem, public_pem


class _Names:
    def __init__(self, environment: str) -> None:
        base = f"{prefix(environment)}/jwt"
        self.public_keys = f"{base}/public-keys"
        self.private_key = f"{base}/private-key"
        self.private_key_id = f"{base}/private-key-id"
        self.next_private_key = f"{base}/next-private-key"


def _roll(ctx: OpsContext, services: tuple[str, ...], why: str, timeout_seconds: float) -> None:
    for service in services:
        deploy(ctx, service, timeout_seconds=timeout_seconds, why=why)


def run_rotate_signing_key(ctx: OpsContext, options: RotateKeyOptions) -> None:
    params = ctx.aws().parameters
    names = _Names(ctx.environment)
    hint = "Terraform writes the first key pair (modules/secrets); apply the environment first"
    published = parse_key_set(params.require(names.public_keys, hint))
    current_kid = params.require(names.private_key_id, hint)
    staged = params.get(names.next_private_key)
    retiring = {kid: key for kid, key in published.items() if key.retire_at is not None}
    console = ctx.console
    console.step(f"rotating the token signing key of {ctx.environment} (signing now with {current_kid})")
    resumed_switch = False

    if not retiring:
        if staged is None:
            new_kid = f"tcm-{ctx.environment}-{ctx.clock.utcnow():%Y%m%dT%H%M%SZ}"
            private_pem, public_pem = _new_pair()
            params.create_secure(
                names.next_private_key,
                json.dumps({"kid": new_kid, "pem": private_pem}),
                params.key_id(names.public_keys),
            )
            published[new_kid] = PublishedKey(public_pem)
            params.put(names.public_keys, render_key_set(published))
            console.step(f"1/3 publish: key {new_kid} joins the published set ({', '.join(sorted(published))})")
        else:
            new_kid = json.loads(staged)["kid"]
            if new_kid not in published:
                raise OpsError(f"{names.next_private_key} holds {new_kid}, which the published set lacks")
            console.step(f"1/3 publish: continuing with the staged key {new_kid}")
        _roll(ctx, SERVICES, "every verifier learns the new key", options.timeout_seconds)

        staged_key = json.loads(params.require(names.next_private_key, "written by step 1"))
        new_kid, private_pem = staged_key["kid"], staged_key["pem"]
        console.step(f"2/3 switch: sign with {new_kid}; {current_kid} verifies for one token lifetime more")
        # Key first, then its id: a task starting between the two writes refuses the mismatched pair
        # and is replaced; never one that signs with a key nobody knows.
        params.put(names.private_key, private_pem)
        params.put(names.private_key_id, new_kid)
        retire_at = ctx.clock.utcnow() + ACCESS_TOKEN_LIFETIME + options.margin
        published = {
            kid: PublishedKey(key.pem, retire_at if kid != new_kid else None) for kid, key in published.items()
        }
        params.put(names.public_keys, render_key_set(published))
        params.delete(names.next_private_key)
        console.info(f"previous key(s) {', '.join(k for k in published if k != new_kid)} retire at {retire_at}")
    else:
        resumed_switch = True
        console.step(f"2/3 switch: done earlier; {', '.join(sorted(retiring))} retiring")

    # The issuers first: from their roll on, nothing signs with the previous key.
    order = (*ISSUERS, *(s for s in SERVICES if s not in ISSUERS))
    _roll(ctx, order, "sign with the new key", options.timeout_seconds)
    if resumed_switch:
        # A failed earlier run may have left an issuer on the previous key until just now.
        retire_at = ctx.clock.utcnow() + ACCESS_TOKEN_LIFETIME + options.margin
        published = {
            kid: PublishedKey(key.pem, max(key.retire_at, retire_at) if key.retire_at else None)
            for kid, key in published.items()
        }
        params.put(names.public_keys, render_key_set(published))

    retire_at = max(key.retire_at for key in published.values() if key.retire_at is not None)
    console.step(f"3/3 retire: waiting until {retire_at:%Y-%m-%d %H:%M:%S %Z} (tokens of the previous key expire)")

    def overlap_over() -> Pending | Done[None]:
        remaining = (retire_at - ctx.clock.utcnow()).total_seconds()
        if remaining <= 0:
            return Done(None)
        return Pending(f"{remaining:.0f}s left")

    wait_for(
        overlap_over,
        what="overlap of the previous key",
        timeout_seconds=(retire_at - ctx.clock.utcnow()).total_seconds() + options.timeout_seconds,
        interval_seconds=max(ctx.poll_interval_seconds, 1.0),
        console=console,
        clock=ctx.clock,
    )
    kept = {kid: key for kid, key in published.items() if key.retire_at is None}
    params.put(names.public_keys, render_key_set(kept))
    _roll(ctx, SERVICES, "forget the retired key", options.timeout_seconds)
    console.step(f"signing key rotated: {', '.join(sorted(kept))} is the only published key")
