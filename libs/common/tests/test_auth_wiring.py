import asyncpg
import msgspec
import pytest

from tcm_common.auth.keys import generate_signing_key_pair
from tcm_common.auth.testing import auth_settings_for_tests, settings_for_tests
from tcm_common.auth.wiring import build_auth_services, build_authenticator
from tcm_common.settings import Environment, SettingsError


def test_a_service_that_signs_users_in_refuses_to_start_without_its_private_key(
    migrated_pool: asyncpg.Pool,
) -> None:
    auth = msgspec.structs.replace(auth_settings_for_tests(), private_key=None, private_key_id=None)
    with pytest.raises(SettingsError, match="TCM_JWT_PRIVATE_KEY and TCM_JWT_PRIVATE_KEY_ID are required"):
        build_auth_services(settings_for_tests(auth), migrated_pool)
    # A verifying-only service (gRPC) needs the public keys alone.
    build_authenticator(auth, migrated_pool)


def test_unusable_keys_stop_the_start_with_the_variable_named(migrated_pool: asyncpg.Pool) -> None:
    mismatched = msgspec.structs.replace(
        auth_settings_for_tests(), public_keys={"test-key": generate_signing_key_pair().public_pem}
    )
    with pytest.raises(
        SettingsError, match=r"TCM_JWT_PRIVATE_KEY does not match TCM_JWT_PUBLIC_KEYS\['test-key'\]"
    ):
        build_auth_services(settings_for_tests(mismatched), migrated_pool)
    broken = msgspec.structs.replace(
        auth_settings_for_tests(), public_keys={"k": "-----BEGIN PUBLIC KEY-----\nxx"}
    )
    with pytest.raises(SettingsError, match=r"TCM_JWT_PUBLIC_KEYS\['k'\] is not a readable PEM public key"):
        build_authenticator(broken, migrated_pool)


def test_a_service_that_sets_cookies_needs_its_allowed_origins(migrated_pool: asyncpg.Pool) -> None:
    auth = msgspec.structs.replace(auth_settings_for_tests(), allowed_origins=())
    with pytest.raises(SettingsError, match="TCM_ALLOWED_ORIGINS is required"):
        build_auth_services(settings_for_tests(auth), migrated_pool)


def test_insecure_cookies_stop_a_production_start(migrated_pool: asyncpg.Pool) -> None:
    auth = msgspec.structs.replace(auth_settings_for_tests(), cookie_secure=False)
    with pytest.raises(SettingsError, match="TCM_COOKIE_SECURE=false"):
        build_auth_services(settings_for_tests(auth, environment=Environment.PRODUCTION), migrated_pool)
