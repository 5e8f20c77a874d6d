import json

import pytest

from tcm_common.settings import (
    Environment,
    Secret,
    SettingsError,
    load_auth_settings,
    load_database_settings,
    load_environment,
    load_http_settings,
    load_settings,
)

PUBLIC_PEM = "-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----"
PRIVATE_PEM = "-----BEGIN PRIVATE KEY-----\nMC4C\n-----END PRIVATE KEY-----"
# Production verifies the database's certificate; settings check only that the bundle file exists
# (test_database_tls.py builds the TLS context from a real CA certificate).
PRODUCTION_TLS = {"TCM_DATABASE_SSL_MODE": "verify-full", "TCM_DATABASE_SSL_ROOT_CERT": __file__}
BASE = {
    "TCM_ENVIRONMENT": "production",
    "TCM_DATABASE_URL": "postgresql://tcm:s%40cret@db.internal:5432/tcm",
    "TCM_JWT_PUBLIC_KEYS": json.dumps({"k1": PUBLIC_PEM}),
    **PRODUCTION_TLS,
}


def problems(environ: dict[str, str]) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        load_settings(environ)
    return caught.value.problems


def test_complete_environment_loads_with_safe_defaults() -> None:
    settings = load_settings(BASE)
    assert settings.environment is Environment.PRODUCTION
    assert settings.database.dsn == "postgresql://tcm@db.internal:5432/tcm"
    assert settings.database.password == Secret("s@cret")
    assert (settings.database.pool_min_size, settings.database.pool_max_size) == (1, 10)
    assert settings.auth.public_keys == {"k1": PUBLIC_PEM}
    assert settings.auth.private_key is None
    assert settings.auth.cookie_secure is True
    assert settings.auth.issuer == "tcm"
    assert settings.telemetry.otlp_endpoint is None
    assert settings.http.trusted_proxy_hops == 1


def test_secrets_never_show_in_repr() -> None:
    settings = load_settings({**BASE, "TCM_JWT_PRIVATE_KEY": PRIVATE_PEM, "TCM_JWT_PRIVATE_KEY_ID": "k1"})
    shown = repr(settings)
    assert "s@cret" not in shown
    assert "MC4C" not in shown
    assert settings.auth.private_key is not None
    assert settings.auth.private_key.reveal() == PRIVATE_PEM


def test_empty_environment_names_every_variable_to_set() -> None:
    found = "\n".join(problems({}))
    for variable in ("TCM_ENVIRONMENT", "TCM_DATABASE_HOST", "TCM_DATABASE_NAME", "TCM_JWT_PUBLIC_KEYS"):
        assert variable in found


def test_database_from_the_parts_ecs_injects() -> None:
    database = load_database_settings(
        {
            "TCM_ENVIRONMENT": "production",
            "TCM_DATABASE_HOST": "tcm.rds.internal",
            "TCM_DATABASE_NAME": "tcm",
            "TCM_DATABASE_USER": "app",
            "TCM_DATABASE_PASSWORD": "from-ssm",
            "TCM_DATABASE_POOL_MAX_SIZE": "20",
            **PRODUCTION_TLS,
        }
    )
    assert database.dsn == "postgresql://app@tcm.rds.internal:5432/tcm"
    assert database.password == Secret("from-ssm")
    assert database.pool_max_size == 20


def test_production_needs_a_database_password() -> None:
    found = problems({**BASE, "TCM_DATABASE_URL": "postgresql://tcm@db/tcm"})
    assert any("TCM_DATABASE_PASSWORD" in problem for problem in found)


def test_url_and_parts_together_are_ambiguous() -> None:
    found = problems({**BASE, "TCM_DATABASE_HOST": "elsewhere"})
    assert any("not both" in problem for problem in found)


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TCM_ENVIRONMENT", "staging", "TCM_ENVIRONMENT='staging' is not one of"),
        ("TCM_DATABASE_POOL_MIN_SIZE", "many", "is not an integer"),
        ("TCM_DATABASE_POOL_MIN_SIZE", "50", "must not exceed TCM_DATABASE_POOL_MAX_SIZE"),
        ("TCM_DATABASE_URL", "mysql://x@y/z", "must start with postgresql://"),
        ("TCM_JWT_PUBLIC_KEYS", "{not json", "TCM_JWT_PUBLIC_KEYS is not valid JSON"),
        ("TCM_JWT_PUBLIC_KEYS", "{}", "TCM_JWT_PUBLIC_KEYS must be"),
        ("TCM_JWT_PUBLIC_KEYS", '{"k": "not a pem"}', "TCM_JWT_PUBLIC_KEYS['k'] must be a PEM public key"),
        ("TCM_COOKIE_SECURE", "false", "TCM_COOKIE_SECURE=false is allowed only"),
        ("TCM_COOKIE_SECURE", "maybe", "is not a boolean"),
        ("TCM_ALLOWED_ORIGINS", "https://ok.example,evil.example", "'evil.example' must look like"),
        ("TCM_JWT_PRIVATE_KEY", PRIVATE_PEM, "TCM_JWT_PRIVATE_KEY_ID is required"),
        ("TCM_TRUSTED_PROXY_HOPS", "two", "TCM_TRUSTED_PROXY_HOPS='two' is not an integer"),
        ("TCM_TRUSTED_PROXY_HOPS", "1.5", "TCM_TRUSTED_PROXY_HOPS='1.5' is not an integer"),
        ("TCM_TRUSTED_PROXY_HOPS", "-1", "TCM_TRUSTED_PROXY_HOPS=-1 must be at least 0"),
    ],
)
def test_malformed_values_are_named(variable: str, value: str, expected: str) -> None:
    found = problems({**BASE, variable: value})
    assert any(expected in problem for problem in found), found


def test_private_key_id_must_have_a_public_key() -> None:
    found = problems({**BASE, "TCM_JWT_PRIVATE_KEY": PRIVATE_PEM, "TCM_JWT_PRIVATE_KEY_ID": "k2"})
    assert any("has no public key" in problem for problem in found)


def test_insecure_cookies_and_origins_in_development() -> None:
    auth = load_auth_settings(
        {
            "TCM_ENVIRONMENT": "development",
            "TCM_JWT_PUBLIC_KEYS": json.dumps({"old": PUBLIC_PEM, "new": PUBLIC_PEM}),
            "TCM_COOKIE_SECURE": "false",
            "TCM_ALLOWED_ORIGINS": " http://localhost:5173/ , https://tcm.example ",
        }
    )
    assert auth.cookie_secure is False
    assert auth.allowed_origins == ("http://localhost:5173", "https://tcm.example")
    assert set(auth.public_keys) == {"old", "new"}


def test_one_section_needs_only_its_variables() -> None:
    assert load_environment({"TCM_ENVIRONMENT": "test"}) is Environment.TEST
    database = load_database_settings({"TCM_ENVIRONMENT": "test", "TCM_DATABASE_URL": "postgresql://u@h/d"})
    assert database.password is None


@pytest.mark.parametrize(("value", "hops"), [("0", 0), ("1", 1), (" 2 ", 2), ("", 1)])
def test_trusted_proxy_hops(value: str, hops: int) -> None:
    assert load_settings({**BASE, "TCM_TRUSTED_PROXY_HOPS": value}).http.trusted_proxy_hops == hops
    assert load_http_settings({"TCM_TRUSTED_PROXY_HOPS": value}).trusted_proxy_hops == hops


def test_malformed_trusted_proxy_hops_says_what_the_number_means() -> None:
    with pytest.raises(SettingsError) as caught:
        load_http_settings({"TCM_TRUSTED_PROXY_HOPS": "cloudfront"})
    (problem,) = caught.value.problems
    assert problem.startswith("TCM_TRUSTED_PROXY_HOPS='cloudfront' is not an integer")
    assert "2 behind CloudFront and the ALB" in problem
