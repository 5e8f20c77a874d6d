import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tcm_common.auth.keys import (
    InvalidKeyError,
    generate_signing_key_pair,
    key_environment,
    load_signing_key,
    load_verification_keys,
    main,
)
from tcm_common.settings import load_auth_settings


def _p256_pems() -> tuple[str, str]:
    private = ec.generate_private_key(ec.SECP256R1())
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private_pem, public_pem


def test_a_generated_pair_loads_as_signing_and_verification_keys() -> None:
    pair = generate_signing_key_pair()
    assert pair.private_pem.startswith("-----BEGIN PRIVATE KEY-----")
    assert pair.public_pem.startswith("-----BEGIN PUBLIC KEY-----")
    signing = load_signing_key(pair.private_pem, "k1", {"k1": pair.public_pem})
    assert signing.key_id == "k1"
    assert set(load_verification_keys({"k1": pair.public_pem})) == {"k1"}


def test_the_private_key_never_shows_in_a_repr() -> None:
    pair = generate_signing_key_pair()
    signing = load_signing_key(pair.private_pem, "k1", {"k1": pair.public_pem})
    assert "PRIVATE" not in repr(pair)
    assert pair.private_pem not in repr(pair)
    assert "key=" not in repr(signing)


def test_the_key_environment_is_accepted_by_the_settings_loader() -> None:
    environment = key_environment("dev-1") | {"TCM_ENVIRONMENT": "development"}
    auth = load_auth_settings(environment)
    assert auth.private_key_id == "dev-1"
    assert auth.private_key is not None
    load_signing_key(auth.private_key.reveal(), "dev-1", auth.public_keys)


def test_the_command_prints_env_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dev-1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    names = [line.split("=", 1)[0] for line in lines]
    assert names == ["TCM_JWT_PRIVATE_KEY", "TCM_JWT_PRIVATE_KEY_ID", "TCM_JWT_PUBLIC_KEYS"]
    assert "BEGIN PUBLIC KEY" in json.loads(json.loads(lines[2].split("=", 1)[1]))["dev-1"]
    assert main([]) == 2


def test_a_private_key_that_does_not_match_its_published_public_key_is_refused() -> None:
    pair, other = generate_signing_key_pair(), generate_signing_key_pair()
    with pytest.raises(InvalidKeyError, match="does not match"):
        load_signing_key(pair.private_pem, "k1", {"k1": other.public_pem})
    with pytest.raises(InvalidKeyError, match="has no key"):
        load_signing_key(pair.private_pem, "k1", {"k2": pair.public_pem})


def test_keys_of_other_types_and_garbage_are_refused_without_quoting_them() -> None:
    private_pem, public_pem = _p256_pems()
    with pytest.raises(InvalidKeyError, match="must be an Ed25519 private key"):
        load_signing_key(private_pem, "k1", {"k1": public_pem})
    with pytest.raises(InvalidKeyError, match="must be an Ed25519 public key"):
        load_verification_keys({"k1": public_pem})
    garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs\n-----END PRIVATE KEY-----"
    with pytest.raises(InvalidKeyError) as refused:
        load_signing_key(garbage, "k1", {"k1": public_pem})
    assert "c2VjcmV0" not in str(refused.value)
    with pytest.raises(InvalidKeyError, match="no key"):
        load_verification_keys({})
