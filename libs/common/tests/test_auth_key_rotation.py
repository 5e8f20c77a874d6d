"""Signing-key rotation without downtime: the published set verifies by kid, the previous key only until
its retirement time. The set is read from TCM_JWT_PUBLIC_KEYS exactly as `tcm-ops rotate-signing-key`
writes it; the clock is injected."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tcm_common.application.clock import Clock
from tcm_common.auth.access_tokens import LIFETIME, AccessTokenIssuer, AccessTokenVerifier
from tcm_common.auth.keys import SigningKeyPair, generate_signing_key_pair, load_signing_key, load_verification_keys
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.principal import Role
from tcm_common.settings import AuthSettings, SettingsError, load_auth_settings

OLD, NEW = "tcm-development-1", "tcm-development-2"
SWITCHED_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
MARGIN = timedelta(minutes=5)
RETIRE_AT = SWITCHED_AT + LIFETIME + MARGIN


class MovingTime:
    """The instant a test sets; the verifier reads it through the one Clock."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    @property
    def clock(self) -> Clock:
        return Clock(read_instant=lambda: self.now)


def _environ(public_keys: dict[str, object], **extra: str) -> dict[str, str]:
    return {"TCM_ENVIRONMENT": "test", "TCM_JWT_PUBLIC_KEYS": json.dumps(public_keys), **extra}


def _published(old: SigningKeyPair, new: SigningKeyPair) -> dict[str, object]:
    return {NEW: new.public_pem, OLD: {"pem": old.public_pem, "retire_at": RETIRE_AT.isoformat()}}


def _verifier(settings: AuthSettings, time: MovingTime) -> AccessTokenVerifier:
    return AccessTokenVerifier(
        load_verification_keys(settings.public_keys),
        issuer=settings.issuer,
        audience=settings.audience,
        retirements=settings.key_retirements,
        clock=time.clock,
    )


def _token(pair: SigningKeyPair, kid: str, at: datetime) -> str:
    key = load_signing_key(pair.private_pem, kid, {kid: pair.public_pem})
    issuer = AccessTokenIssuer(key, issuer="tcm", audience="tcm-api", clock=Clock(read_instant=lambda: at))
    return issuer.issue(user_id=uuid.uuid4(), role=Role.TESTER, session_id=uuid.uuid4()).token


def test_previous_key_verifies_during_the_overlap_and_is_refused_after_it() -> None:
    old, new = generate_signing_key_pair(), generate_signing_key_pair()
    settings = load_auth_settings(_environ(_published(old, new)))
    assert settings.key_retirements == {OLD: RETIRE_AT}
    clock = MovingTime(SWITCHED_AT)
    verifier = _verifier(settings, clock)

    # Signed by a task that had not been rolled yet, a moment before the switch completed.
    from_old_key = _token(old, OLD, SWITCHED_AT - timedelta(seconds=5))
    # A straggler still signing with the old key late in the overlap: its token would live past RETIRE_AT.
    straggler = _token(old, OLD, RETIRE_AT - timedelta(minutes=1))
    from_new_key = _token(new, NEW, SWITCHED_AT)

    clock.now = SWITCHED_AT + timedelta(minutes=10)
    assert verifier.verify(from_old_key).role is Role.TESTER
    assert verifier.verify(from_new_key).role is Role.TESTER
    clock.now = RETIRE_AT - timedelta(seconds=1)
    assert verifier.verify(straggler).role is Role.TESTER

    clock.now = RETIRE_AT
    with pytest.raises(Unauthenticated):
        verifier.verify(straggler)  # not expired, but its key is retired
    new_later = _token(new, NEW, RETIRE_AT)
    assert verifier.verify(new_later).role is Role.TESTER


def test_after_the_retirement_the_old_key_leaves_the_set_and_its_tokens_stay_refused() -> None:
    old, new = generate_signing_key_pair(), generate_signing_key_pair()
    settings = load_auth_settings(_environ({NEW: new.public_pem}))
    clock = MovingTime(RETIRE_AT)
    verifier = _verifier(settings, clock)
    with pytest.raises(Unauthenticated):
        verifier.verify(_token(old, OLD, RETIRE_AT - timedelta(minutes=1)))
    assert verifier.verify(_token(new, NEW, RETIRE_AT)).role is Role.TESTER


def test_a_service_that_verifies_only_the_current_key_refuses_the_previous_one() -> None:
    # Why the rotation publishes the new key to every service before any service signs with it.
    old, new = generate_signing_key_pair(), generate_signing_key_pair()
    only_old = _verifier(load_auth_settings(_environ({OLD: old.public_pem})), MovingTime(SWITCHED_AT))
    with pytest.raises(Unauthenticated):
        only_old.verify(_token(new, NEW, SWITCHED_AT))
    both = _verifier(load_auth_settings(_environ({OLD: old.public_pem, NEW: new.public_pem})), MovingTime(SWITCHED_AT))
    assert both.verify(_token(new, NEW, SWITCHED_AT)).role is Role.TESTER
    assert both.verify(_token(old, OLD, SWITCHED_AT)).role is Role.TESTER


def test_the_signing_key_must_not_be_the_retiring_one() -> None:
    old, new = generate_signing_key_pair(), generate_signing_key_pair()
    environ = _environ(
        _published(old, new), TCM_JWT_PRIVATE_KEY=old.private_pem, TCM_JWT_PRIVATE_KEY_ID=OLD
    )
    with pytest.raises(SettingsError, match="names a key that TCM_JWT_PUBLIC_KEYS retires"):
        load_auth_settings(environ)
    current = _environ(_published(old, new), TCM_JWT_PRIVATE_KEY=new.private_pem, TCM_JWT_PRIVATE_KEY_ID=NEW)
    assert load_auth_settings(current).private_key_id == NEW


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"pem": "PEM?", "retire_at": "2026-12-01T09:20:00Z"}, "must be a PEM public key"),
        ({"pem": "-----BEGIN PUBLIC KEY-----", "retire_at": "2026-12-01T09:20:00"}, "with a UTC offset"),
        ({"pem": "-----BEGIN PUBLIC KEY-----", "retire_at": "soon"}, "with a UTC offset"),
        (42, "must be a PEM public key"),
    ],
)
def test_a_malformed_published_set_stops_the_service_with_a_clear_message(entry: object, message: str) -> None:
    new = generate_signing_key_pair()
    with pytest.raises(SettingsError, match=message):
        load_auth_settings(_environ({NEW: new.public_pem, OLD: entry}))


def test_a_set_of_only_retiring_keys_is_refused() -> None:
    old = generate_signing_key_pair()
    with pytest.raises(SettingsError, match="at least one key that is not being retired"):
        load_auth_settings(_environ({OLD: {"pem": old.public_pem, "retire_at": RETIRE_AT.isoformat()}}))


def test_missing_keys_still_stop_the_service() -> None:
    with pytest.raises(SettingsError, match="TCM_JWT_PUBLIC_KEYS is required"):
        load_auth_settings({"TCM_ENVIRONMENT": "production"})
