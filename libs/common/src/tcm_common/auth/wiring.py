"""Builds the auth components of a service from its settings, once at start-up.

    auth = build_auth_services(settings, pool)     # REST, GraphQL: they sign users in
    authenticator = build_authenticator(settings.auth, pool)   # gRPC: verifies only

Both raise SettingsError with a clear message when a key is missing or unusable, so a service without
its key refuses to start.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from tcm_common.auth.access_tokens import AccessTokenIssuer, AccessTokenVerifier
from tcm_common.auth.api_tokens import ApiTokenService
from tcm_common.auth.authentication import Authenticator
from tcm_common.auth.cookies import CookiePolicy
from tcm_common.auth.csrf import CsrfGuard
from tcm_common.auth.keys import InvalidKeyError, SigningKey, load_signing_key, load_verification_keys
from tcm_common.auth.login_throttle import LoginThrottle, ThrottlePolicy
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.sessions import SessionService
from tcm_common.auth.user_management import UserService
from tcm_common.settings import AuthSettings, Settings, SettingsError


@dataclass(frozen=True, slots=True)
class AuthServices:
    authenticator: Authenticator
    sessions: SessionService
    users: UserService
    api_tokens: ApiTokenService
    cookies: CookiePolicy
    csrf: CsrfGuard
    password_hasher: PasswordHasher


def _verifier(auth: AuthSettings) -> AccessTokenVerifier:
    try:
        keys = load_verification_keys(auth.public_keys)
    except InvalidKeyError as error:
        raise SettingsError([str(error)]) from None
    return AccessTokenVerifier(
        keys, issuer=auth.issuer, audience=auth.audience, retirements=auth.key_retirements
    )


def _signing_key(auth: AuthSettings) -> SigningKey:
    if auth.private_key is None or auth.private_key_id is None:
        raise SettingsError(
            [
                "TCM_JWT_PRIVATE_KEY and TCM_JWT_PRIVATE_KEY_ID are required by this service because it "
                "signs users in (generate a pair with: python -m tcm_common.auth.keys KEY_ID)"
            ]
        )
    try:
        return load_signing_key(auth.private_key.reveal(), auth.private_key_id, auth.public_keys)
    except InvalidKeyError as error:
        raise SettingsError([str(error)]) from None


def build_authenticator(auth: AuthSettings, pool: asyncpg.Pool) -> Authenticator:
    return Authenticator(pool, _verifier(auth))


def build_auth_services(
    settings: Settings,
    pool: asyncpg.Pool,
    *,
    password_hasher: PasswordHasher | None = None,
    throttle_policy: ThrottlePolicy | None = None,
) -> AuthServices:
    """Everything a service that signs users in needs. Tests may pass a cheaper hasher or throttle policy."""
    auth = settings.auth
    if not auth.allowed_origins:
        # Browsers send Origin with every POST; with an empty list the CSRF guard would refuse them all.
        raise SettingsError(
            [
                "TCM_ALLOWED_ORIGINS is required by services that sign users in: the origin of the web app, "
                "e.g. https://tcm.example.com (http://localhost:5173 in development)"
            ]
        )
    issuer = AccessTokenIssuer(_signing_key(auth), issuer=auth.issuer, audience=auth.audience)
    cookies = CookiePolicy.from_settings(settings.environment, auth)
    hasher = password_hasher or PasswordHasher()
    throttle = LoginThrottle(throttle_policy or ThrottlePolicy())
    return AuthServices(
        authenticator=build_authenticator(auth, pool),
        sessions=SessionService(pool, hasher=hasher, issuer=issuer, cookies=cookies, throttle=throttle),
        users=UserService(pool, hasher=hasher, throttle=throttle),
        api_tokens=ApiTokenService(pool),
        cookies=cookies,
        csrf=CsrfGuard(auth.allowed_origins),
        password_hasher=hasher,
    )
