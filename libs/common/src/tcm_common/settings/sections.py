"""The settings object and its sections (msgspec Structs, frozen)."""

from __future__ import annotations

import enum
from datetime import datetime
from zoneinfo import ZoneInfo

import msgspec

from tcm_common.settings.reader import Secret


class Environment(enum.StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class SslMode(enum.StrEnum):
    """How the database connection uses TLS (the libpq names). verify-full checks the server certificate
    against TCM_DATABASE_SSL_ROOT_CERT and its host name: what production requires (RDS CA bundle)."""

    DISABLE = "disable"
    REQUIRE = "require"
    VERIFY_FULL = "verify-full"


class DatabaseSettings(msgspec.Struct, frozen=True, kw_only=True):
    dsn: str  # never holds the password, which travels separately so the DSN can be logged
    password: Secret | None = None
    pool_min_size: int = 1
    pool_max_size: int = 10
    ssl_mode: SslMode | None = None  # None: asyncpg's default (TLS if the server offers it, unverified)
    ssl_root_cert: str | None = None  # CA bundle file for verify-full


class ApplicationRoleSettings(msgspec.Struct, frozen=True, kw_only=True):
    """What `migrate` grants after migrating: the services' group role and the login role (with its
    password) they connect as. Absent where the services share the owner's role (./dev, tests)."""

    group: str
    login: str
    password: Secret


class AuthSettings(msgspec.Struct, frozen=True, kw_only=True):
    public_keys: dict[str, str]  # kid -> PEM; two of them during a key rotation
    # kid -> when the previous key stops verifying (one access-token lifetime plus a margin after the
    # rotation); the current key has no entry.
    key_retirements: dict[str, datetime] = msgspec.field(default_factory=dict)
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
    # The share of traces begun here that are recorded (TCM_TRACE_SAMPLE_RATIO); a caller's decision
    # (traceparent, X-Ray Sampled=) wins. docs/telemetry.md.
    sample_ratio: float = 1.0


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
    # The organisation's time zone: it defines "today" for every date rule (docs/domain.md).
    time_zone: ZoneInfo = msgspec.field(default_factory=lambda: ZoneInfo("UTC"))
