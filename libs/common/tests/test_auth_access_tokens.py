import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tcm_common.application.clock import Clock
from tcm_common.auth.access_tokens import (
    LIFETIME,
    REFUSED_MESSAGE,
    AccessTokenIssuer,
    AccessTokenVerifier,
)
from tcm_common.auth.keys import (
    SigningKeyPair,
    generate_signing_key_pair,
    load_signing_key,
    load_verification_keys,
)
from tcm_common.auth.opaque_tokens import new_refresh_token
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.principal import Role

ISSUER = "tcm"
AUDIENCE = "tcm-api"
KID = "2026-11"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _issuer(pair: SigningKeyPair, kid: str = KID, **options: Any) -> AccessTokenIssuer:
    key = load_signing_key(pair.private_pem, kid, {kid: pair.public_pem})
    return AccessTokenIssuer(
        key, issuer=options.pop("issuer", ISSUER), audience=options.pop("audience", AUDIENCE), **options
    )


def _verifier(*published: tuple[str, SigningKeyPair]) -> AccessTokenVerifier:
    keys = load_verification_keys({kid: pair.public_pem for kid, pair in published})
    return AccessTokenVerifier(keys, issuer=ISSUER, audience=AUDIENCE)


def _issue(issuer: AccessTokenIssuer) -> str:
    return issuer.issue(user_id=uuid.uuid4(), role=Role.TESTER, session_id=uuid.uuid4()).token


def _claims(**changes: Any) -> dict[str, Any]:
    now = int(datetime.now(UTC).timestamp())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": str(uuid.uuid4()),
        "role": "ADMIN",
        "sid": str(uuid.uuid4()),
        "token_type": "access",
        "iat": now,
        "nbf": now,
        "exp": now + 900,
        "jti": uuid.uuid4().hex,
    }
    claims.update(changes)
    return claims


def _forge(header: dict[str, Any], claims: dict[str, Any], sign: Callable[[bytes], bytes]) -> str:
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    return f"{signing_input}.{_b64(sign(signing_input.encode()))}"


def _ed25519_signer(pair: SigningKeyPair) -> Callable[[bytes], bytes]:
    private = serialization.load_pem_private_key(pair.private_pem.encode(), password=None)
    assert isinstance(private, Ed25519PrivateKey)
    return private.sign


@pytest.fixture(scope="module")
def pair() -> SigningKeyPair:
    return generate_signing_key_pair()


@pytest.fixture(scope="module")
def verifier(pair: SigningKeyPair) -> AccessTokenVerifier:
    return _verifier((KID, pair))


def _refused(verifier: AccessTokenVerifier, token: str) -> None:
    with pytest.raises(Unauthenticated) as refused:
        verifier.verify(token)
    assert refused.value.message == REFUSED_MESSAGE


def test_a_token_carries_the_claims_it_was_issued_with(
    pair: SigningKeyPair, verifier: AccessTokenVerifier
) -> None:
    user_id, session_id = uuid.uuid4(), uuid.uuid4()
    issued = _issuer(pair).issue(user_id=user_id, role=Role.MANAGER, session_id=session_id)
    claims = verifier.verify(issued.token)
    assert (claims.user_id, claims.role, claims.session_id) == (user_id, Role.MANAGER, session_id)
    assert claims.expires_at == issued.expires_at
    assert timedelta(minutes=14) < issued.expires_at - datetime.now(UTC) <= LIFETIME


def test_header_and_claims_are_the_specified_ones(pair: SigningKeyPair) -> None:
    token = _issue(_issuer(pair))
    header_part, claims_part, _ = token.split(".")
    header = json.loads(base64.urlsafe_b64decode(header_part + "=="))
    claims = json.loads(base64.urlsafe_b64decode(claims_part + "=="))
    assert header == {"alg": "Ed25519", "kid": KID, "typ": "at+jwt"}
    assert set(claims) == {"iss", "aud", "sub", "role", "sid", "token_type", "iat", "nbf", "exp", "jti"}
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert claims["token_type"] == "access"


def test_alg_none_is_refused(verifier: AccessTokenVerifier) -> None:
    token = _forge({"alg": "none", "typ": "at+jwt", "kid": KID}, _claims(), lambda _: b"")
    _refused(verifier, token)
    _refused(verifier, token.rsplit(".", 1)[0] + ".")


def test_hs256_signed_with_the_public_key_is_refused(
    pair: SigningKeyPair, verifier: AccessTokenVerifier
) -> None:
    # The classic key-confusion attack: the public key is no secret, so it must never act as an HMAC key.
    def sign(data: bytes) -> bytes:
        return hmac.new(pair.public_pem.encode(), data, hashlib.sha256).digest()

    _refused(verifier, _forge({"alg": "HS256", "typ": "at+jwt", "kid": KID}, _claims(), sign))


def test_the_polymorphic_eddsa_name_is_refused_too(
    pair: SigningKeyPair, verifier: AccessTokenVerifier
) -> None:
    _refused(
        verifier, _forge({"alg": "EdDSA", "typ": "at+jwt", "kid": KID}, _claims(), _ed25519_signer(pair))
    )


def test_a_correctly_forged_token_is_accepted_so_the_refusals_below_are_meaningful(
    pair: SigningKeyPair, verifier: AccessTokenVerifier
) -> None:
    token = _forge({"alg": "Ed25519", "typ": "at+jwt", "kid": KID}, _claims(), _ed25519_signer(pair))
    assert verifier.verify(token).role is Role.ADMIN


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"iss": "someone-else"}, id="wrong issuer"),
        pytest.param({"aud": "another-api"}, id="wrong audience"),
        pytest.param({"token_type": "refresh"}, id="refresh token type"),
        pytest.param({"role": "ROOT"}, id="unknown role"),
        pytest.param({"sid": None}, id="no session"),
        pytest.param({"exp": int(datetime.now(UTC).timestamp()) - 60}, id="expired"),
        pytest.param({"nbf": int(datetime.now(UTC).timestamp()) + 300}, id="not yet valid"),
    ],
)
def test_claims_that_do_not_match_are_refused(
    pair: SigningKeyPair, verifier: AccessTokenVerifier, changes: dict[str, Any]
) -> None:
    token = _forge({"alg": "Ed25519", "typ": "at+jwt", "kid": KID}, _claims(**changes), _ed25519_signer(pair))
    _refused(verifier, token)


def test_missing_claims_are_refused(pair: SigningKeyPair, verifier: AccessTokenVerifier) -> None:
    for claim in ("exp", "iss", "aud", "sub", "token_type", "jti"):
        claims = _claims()
        del claims[claim]
        _refused(
            verifier, _forge({"alg": "Ed25519", "typ": "at+jwt", "kid": KID}, claims, _ed25519_signer(pair))
        )


def test_wrong_issuer_and_audience_from_a_real_issuer_are_refused(
    pair: SigningKeyPair, verifier: AccessTokenVerifier
) -> None:
    _refused(verifier, _issue(_issuer(pair, issuer="other-issuer")))
    _refused(verifier, _issue(_issuer(pair, audience="other-audience")))


def test_an_expired_token_is_refused(pair: SigningKeyPair, verifier: AccessTokenVerifier) -> None:
    # Issued 16 minutes ago: expired one minute ago, beyond the 30 s clock leeway.
    past = _issuer(pair, clock=Clock(read_instant=lambda: datetime.now(UTC) - timedelta(minutes=16)))
    _refused(verifier, _issue(past))


def test_a_token_issued_in_the_future_is_refused(pair: SigningKeyPair, verifier: AccessTokenVerifier) -> None:
    future = _issuer(pair, clock=Clock(read_instant=lambda: datetime.now(UTC) + timedelta(minutes=5)))
    _refused(verifier, _issue(future))


def test_small_clock_skew_is_tolerated(pair: SigningKeyPair, verifier: AccessTokenVerifier) -> None:
    ahead = _issuer(pair, clock=Clock(read_instant=lambda: datetime.now(UTC) + timedelta(seconds=10)))
    verifier.verify(_issue(ahead))


def test_a_refresh_token_is_not_an_access_token(verifier: AccessTokenVerifier) -> None:
    _refused(verifier, new_refresh_token())


def test_a_tampered_payload_is_refused(pair: SigningKeyPair, verifier: AccessTokenVerifier) -> None:
    header, claims_part, signature = _issue(_issuer(pair)).split(".")
    claims = json.loads(base64.urlsafe_b64decode(claims_part + "=="))
    claims["role"] = "ADMIN"
    _refused(verifier, f"{header}.{_b64(json.dumps(claims).encode())}.{signature}")


def test_a_tampered_signature_is_refused(pair: SigningKeyPair, verifier: AccessTokenVerifier) -> None:
    token = _issue(_issuer(pair))
    flipped = "A" if token[-2] != "A" else "B"
    _refused(verifier, token[:-2] + flipped + token[-1])


def test_an_unknown_key_id_is_refused(verifier: AccessTokenVerifier) -> None:
    _refused(verifier, _issue(_issuer(generate_signing_key_pair(), kid="unknown")))


def test_another_key_under_a_known_key_id_is_refused(verifier: AccessTokenVerifier) -> None:
    _refused(verifier, _issue(_issuer(generate_signing_key_pair(), kid=KID)))


def test_missing_key_id_and_wrong_type_header_are_refused(
    pair: SigningKeyPair, verifier: AccessTokenVerifier
) -> None:
    _refused(verifier, _forge({"alg": "Ed25519", "typ": "at+jwt"}, _claims(), _ed25519_signer(pair)))
    _refused(verifier, _forge({"alg": "Ed25519", "typ": "JWT", "kid": KID}, _claims(), _ed25519_signer(pair)))


@pytest.mark.parametrize("garbage", ["", "a.b", "a.b.c", "not a token", "é.é.é", "x" * 10_000])
def test_garbage_is_refused(verifier: AccessTokenVerifier, garbage: str) -> None:
    _refused(verifier, garbage)


def test_during_a_rotation_tokens_of_both_keys_are_accepted(pair: SigningKeyPair) -> None:
    new_pair = generate_signing_key_pair()
    verifier = _verifier((KID, pair), ("2027-01", new_pair))
    verifier.verify(_issue(_issuer(pair)))
    verifier.verify(_issue(_issuer(new_pair, kid="2027-01")))
    # Once the old key is withdrawn from the configuration, its tokens stop verifying.
    _refused(_verifier(("2027-01", new_pair)), _issue(_issuer(pair)))
