"""The settings object and its sections (msgspec Structs, frozen)."""

from __future__ import annotations

import enum

import msgspec

from tcm_common.settings.reader import Secret


class Environment(enum.StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class DatabaseSettings(msgspec.Struct, frozen=True, kw_only=True):
    dsn: str  # never holds the password, which travels separately so the DSN can be logged
    password: Secret | None = None
    pool_min_size: int = 1
    pool_max_size: int = 10


class AuthSettings(msgspec.Struct, frozen=True, kw_only=True):
    public_keys: dict[str, str]  # kid -> PEM; two of them during a key rotation
    private_key: Secret | None = None  # only services that issue tokens have it
    private_key_id: str | None = None
    issuer: str = "tcm"
    audience: str = "tcm-api"
    cookie_secure: bool = True
    allowed_origins: tuple[str, ...] = ()
    access_token_seconds: int = 900  # 15 minutes; shorter only to exercise expiry in tests
    # A rotated refresh token presented again within this many seconds gets the same new session
    # instead of revoking it (tabs refreshing at once, docs/reliability.md); 0 turns the grace off.
    refresh_grace_seconds: int = 5


class TelemetrySettings(msgspec.Struct, frozen=True, kw_only=True):
    otlp_endpoint: str | None = None


class HttpSettings(msgspec.Struct, frozen=True, kw_only=True):
    # Proxies that append to X-Forwarded-For in front of the service: 1 behind the ALB (or the local
    # edge), 2 behind CloudFront and the ALB. The client address is the entry this many from the right.
    trusted_proxy_hops: int = 1


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    environment: Environment
    database: DatabaseSettings
    auth: AuthSettings
    telemetry: TelemetrySettings
    http: HttpSettings = msgspec.field(default_factory=HttpSettings)
