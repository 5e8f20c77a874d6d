"""Typed settings read from environment variables; no default secrets.

    settings = load_settings()              # every section (raises SettingsError listing all problems)
    database = load_database_settings()     # one section, e.g. for the migrate command

Each problem names the variable to set. Secrets are wrapped in `Secret` (reveal() where used) so that
printing settings never shows them.

TCM_ENVIRONMENT               development | test | production (required)
TCM_DATABASE_URL              postgresql://user[:password]@host:port/name, or instead the parts
TCM_DATABASE_HOST/PORT/NAME/USER/PASSWORD  (as ECS injects them; a password is required in production)
TCM_DATABASE_POOL_MIN_SIZE/MAX_SIZE        default 1 / 10
TCM_DATABASE_SSL_MODE         disable | require | verify-full (required in production, with:)
TCM_DATABASE_SSL_ROOT_CERT    CA bundle file that verifies the server (the RDS bundle in AWS)
TCM_DATABASE_APP_ROLE/USER/PASSWORD  only for `migrate`: the services' group role and login role it grants
TCM_JWT_PUBLIC_KEYS           required: JSON object key id -> PEM public key, or -> {"pem": ..., "retire_at":
                              ISO time} for the previous key during a rotation (refused from that time on)
TCM_JWT_PRIVATE_KEY(_ID)      PEM private key and its key id, only for services that issue tokens
TCM_JWT_ISSUER / AUDIENCE     default tcm / tcm-api
TCM_COOKIE_SECURE             default true; false only in development
TCM_ALLOWED_ORIGINS           comma-separated origins allowed for cookie-authenticated writes
OTEL_EXPORTER_OTLP_ENDPOINT   optional; traces are exported only when set
TCM_TIME_ZONE                 default UTC: the organisation's IANA time zone (e.g. Asia/Tokyo); it defines
                              "today" for every date rule (effort dates, delay, dashboard, demo data)
TCM_TRUSTED_PROXY_HOPS        default 1: proxies appending to X-Forwarded-For (2 behind CloudFront + ALB)
"""

from tcm_common.settings.loading import (
    load_application_role_settings,
    load_auth_settings,
    load_database_settings,
    load_environment,
    load_http_settings,
    load_settings,
    load_telemetry_settings,
    load_time_zone,
)
from tcm_common.settings.reader import Secret, SettingsError
from tcm_common.settings.sections import (
    ApplicationRoleSettings,
    AuthSettings,
    DatabaseSettings,
    Environment,
    HttpSettings,
    Settings,
    SslMode,
    TelemetrySettings,
)

__all__ = [
    "ApplicationRoleSettings",
    "AuthSettings",
    "DatabaseSettings",
    "Environment",
    "HttpSettings",
    "Secret",
    "Settings",
    "SettingsError",
    "SslMode",
    "TelemetrySettings",
    "load_application_role_settings",
    "load_auth_settings",
    "load_database_settings",
    "load_environment",
    "load_http_settings",
    "load_settings",
    "load_telemetry_settings",
    "load_time_zone",
]
