"""Loads the whole settings object, or one section for a program that needs only that."""

from __future__ import annotations

import os
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from tcm_common.settings.auth import read_auth
from tcm_common.settings.database import read_application_role, read_database
from tcm_common.settings.reader import SettingsReader
from tcm_common.settings.sections import (
    ApplicationRoleSettings,
    AuthSettings,
    DatabaseSettings,
    Environment,
    HttpSettings,
    Settings,
    TelemetrySettings,
)


def _reader(environ: Mapping[str, str] | None) -> SettingsReader:
    return SettingsReader(os.environ if environ is None else environ)


def _environment(reader: SettingsReader) -> Environment:
    # When the variable is missing the reader records it; PRODUCTION keeps the other checks strictest.
    return reader.choice("TCM_ENVIRONMENT", Environment, fallback=Environment.PRODUCTION)


def _database(reader: SettingsReader, environment: Environment) -> DatabaseSettings:
    return read_database(reader, require_password=environment is Environment.PRODUCTION)


def _auth(reader: SettingsReader, environment: Environment) -> AuthSettings:
    return read_auth(reader, development=environment is Environment.DEVELOPMENT)


def _telemetry(reader: SettingsReader) -> TelemetrySettings:
    return TelemetrySettings(
        otlp_endpoint=reader.optional("OTEL_EXPORTER_OTLP_ENDPOINT"),
        sample_ratio=reader.fraction("TCM_TRACE_SAMPLE_RATIO", 1.0),
    )


def _http(reader: SettingsReader) -> HttpSettings:
    hops = reader.integer(
        "TCM_TRUSTED_PROXY_HOPS",
        1,
        minimum=0,
        hint="the number of proxies appending to X-Forwarded-For: 1 behind the ALB, 2 behind CloudFront "
        "and the ALB, 0 when nothing is in front",
    )
    return HttpSettings(trusted_proxy_hops=hops)


def _time_zone(reader: SettingsReader) -> ZoneInfo:
    return reader.time_zone("TCM_TIME_ZONE", "UTC")


def load_time_zone(environ: Mapping[str, str] | None = None) -> ZoneInfo:
    reader = _reader(environ)
    return reader.finish(_time_zone(reader))


def load_environment(environ: Mapping[str, str] | None = None) -> Environment:
    reader = _reader(environ)
    return reader.finish(_environment(reader))


def load_database_settings(environ: Mapping[str, str] | None = None) -> DatabaseSettings:
    reader = _reader(environ)
    return reader.finish(_database(reader, _environment(reader)))


def load_application_role_settings(environ: Mapping[str, str] | None = None) -> ApplicationRoleSettings | None:
    reader = _reader(environ)
    return reader.finish(read_application_role(reader))


def load_auth_settings(environ: Mapping[str, str] | None = None) -> AuthSettings:
    reader = _reader(environ)
    return reader.finish(_auth(reader, _environment(reader)))


def load_telemetry_settings(environ: Mapping[str, str] | None = None) -> TelemetrySettings:
    reader = _reader(environ)
    return reader.finish(_telemetry(reader))


def load_http_settings(environ: Mapping[str, str] | None = None) -> HttpSettings:
    reader = _reader(environ)
    return reader.finish(_http(reader))


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    reader = _reader(environ)
    environment = _environment(reader)
    settings = Settings(
        environment=environment,
        database=_database(reader, environment),
        auth=_auth(reader, environment),
        telemetry=_telemetry(reader),
        http=_http(reader),
        time_zone=_time_zone(reader),
    )
    return reader.finish(settings)
