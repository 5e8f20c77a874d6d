from datetime import UTC, datetime, timedelta

import pytest

from tcm_common.auth.cookies import CookiePolicy
from tcm_common.auth.testing import auth_settings_for_tests
from tcm_common.settings import AuthSettings, Environment, SettingsError

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def _session_cookies(policy: CookiePolicy) -> tuple[str, str]:
    access, refresh = policy.session_cookies(
        access_token="access.jwt.value",
        access_expires_at=NOW + timedelta(minutes=15),
        refresh_token="refresh-value",
        refresh_expires_at=NOW + timedelta(days=7),
        now=NOW,
    )
    return access.header_value(), refresh.header_value()


def _insecure(origins: tuple[str, ...]) -> AuthSettings:
    return AuthSettings(public_keys={}, cookie_secure=False, allowed_origins=origins)


def test_session_cookies_are_host_prefixed_httponly_secure_strict_with_token_lifetimes() -> None:
    access, refresh = _session_cookies(CookiePolicy())
    assert (
        access == "__Host-tcm_access=access.jwt.value; Max-Age=900; Path=/; Secure; HttpOnly; SameSite=Strict"
    )
    assert (
        refresh
        == "__Host-tcm_refresh=refresh-value; Max-Age=604800; Path=/; Secure; HttpOnly; SameSite=Strict"
    )


def test_clearing_cookies_expire_both_at_once() -> None:
    cleared = [cookie.header_value() for cookie in CookiePolicy().clearing_cookies()]
    assert cleared == [
        f"{name}=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
        "Secure; HttpOnly; SameSite=Strict"
        for name in ("__Host-tcm_access", "__Host-tcm_refresh")
    ]


def test_cookie_values_never_show_in_a_repr() -> None:
    access, _ = CookiePolicy().session_cookies(
        access_token="secret-access",
        access_expires_at=NOW + timedelta(minutes=15),
        refresh_token="secret-refresh",
        refresh_expires_at=NOW + timedelta(days=7),
        now=NOW,
    )
    assert "secret-access" not in repr(access)


def test_secure_cookies_are_the_default_in_every_environment() -> None:
    for environment in Environment:
        policy = CookiePolicy.from_settings(environment, auth_settings_for_tests())
        assert policy.secure
        assert policy.access_cookie_name == "__Host-tcm_access"


def test_insecure_cookies_only_for_development_on_localhost() -> None:
    policy = CookiePolicy.from_settings(
        Environment.DEVELOPMENT, _insecure(("http://localhost:5173", "http://127.0.0.1:8000"))
    )
    # Browsers drop prefixed cookies without Secure, so the names lose the prefix too.
    access, refresh = _session_cookies(policy)
    assert access == "tcm_access=access.jwt.value; Max-Age=900; Path=/; HttpOnly; SameSite=Strict"
    assert refresh == "tcm_refresh=refresh-value; Max-Age=604800; Path=/; HttpOnly; SameSite=Strict"


@pytest.mark.parametrize(
    ("environment", "origins", "problem"),
    [
        (Environment.PRODUCTION, ("http://localhost:5173",), "only when TCM_ENVIRONMENT=development"),
        (Environment.TEST, (), "only when TCM_ENVIRONMENT=development"),
        (Environment.DEVELOPMENT, ("https://tcm.example.com",), "includes https://tcm.example.com"),
    ],
)
def test_insecure_cookies_are_refused_elsewhere(
    environment: Environment, origins: tuple[str, ...], problem: str
) -> None:
    with pytest.raises(SettingsError, match=problem):
        CookiePolicy.from_settings(environment, _insecure(origins))
