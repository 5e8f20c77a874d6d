"""The database section: one URL, or the host/port/name/user/password parts that ECS injects; TLS; and
the application role that `migrate` grants."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from tcm_common.settings.reader import Secret, SettingsReader
from tcm_common.settings.sections import ApplicationRoleSettings, DatabaseSettings, SslMode

_PARTS = ("TCM_DATABASE_HOST", "TCM_DATABASE_PORT", "TCM_DATABASE_NAME", "TCM_DATABASE_USER")


def _split_password(reader: SettingsReader, url: str) -> tuple[str, Secret | None]:
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        reader.problem("TCM_DATABASE_URL must start with postgresql://")
        return url, None
    if parts.password is None:
        return url, None
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc}")), Secret(unquote(parts.password))


def _from_parts(reader: SettingsReader) -> str:
    host = reader.required("TCM_DATABASE_HOST", "or set TCM_DATABASE_URL")
    name = reader.required("TCM_DATABASE_NAME", "the database to connect to")
    user = reader.required("TCM_DATABASE_USER", "the database role to connect as")
    port = reader.integer("TCM_DATABASE_PORT", 5432, minimum=1)
    return f"postgresql://{quote(user or '', safe='')}@{host}:{port}/{quote(name or '', safe='')}"


def _ssl(reader: SettingsReader, *, require_verify_full: bool) -> tuple[SslMode | None, str | None]:
    mode = reader.optional("TCM_DATABASE_SSL_MODE")
    ssl_mode: SslMode | None = None
    if mode is not None:
        try:
            ssl_mode = SslMode(mode)
        except ValueError:
            reader.problem(f"TCM_DATABASE_SSL_MODE={mode!r} is not one of {'|'.join(m.value for m in SslMode)}")
    if require_verify_full and ssl_mode is not SslMode.VERIFY_FULL:
        reader.problem(
            "TCM_DATABASE_SSL_MODE=verify-full is required in production, with TCM_DATABASE_SSL_ROOT_CERT "
            "naming the CA bundle of the database server (the RDS bundle in AWS)"
        )
    root_cert = reader.optional("TCM_DATABASE_SSL_ROOT_CERT")
    if ssl_mode is SslMode.VERIFY_FULL:
        if root_cert is None:
            reader.problem("TCM_DATABASE_SSL_ROOT_CERT is required with TCM_DATABASE_SSL_MODE=verify-full")
        elif not Path(root_cert).is_file():
            reader.problem(f"TCM_DATABASE_SSL_ROOT_CERT={root_cert!r} is not a readable file")
    return ssl_mode, root_cert


def read_application_role(reader: SettingsReader) -> ApplicationRoleSettings | None:
    names = ("TCM_DATABASE_APP_ROLE", "TCM_DATABASE_APP_USER", "TCM_DATABASE_APP_PASSWORD")
    values = {name: reader.optional(name) for name in names}
    if not any(values.values()):
        return None
    missing = [name for name, value in values.items() if value is None]
    if missing:
        reader.problem(
            f"{', '.join(names)} go together (the role migrate grants to the services); missing {', '.join(missing)}"
        )
        return None
    group, login, password = (values[name] or "" for name in names)
    if group == login:
        reader.problem("TCM_DATABASE_APP_USER must differ from TCM_DATABASE_APP_ROLE (the group it joins)")
    return ApplicationRoleSettings(group=group, login=login, password=Secret(password))


def read_database(reader: SettingsReader, *, require_password: bool) -> DatabaseSettings:
    url = reader.optional("TCM_DATABASE_URL")
    if url is not None and any(reader.optional(part) for part in _PARTS):
        reader.problem("set either TCM_DATABASE_URL or the TCM_DATABASE_HOST/NAME/USER parts, not both")
    if url is not None:
        dsn, password = _split_password(reader, url)
    else:
        dsn = _from_parts(reader)
        found = reader.optional("TCM_DATABASE_PASSWORD")
        password = Secret(found) if found is not None else None
    if password is None and require_password:
        reader.problem("TCM_DATABASE_PASSWORD is required in production (or a password in TCM_DATABASE_URL)")
    minimum = reader.integer("TCM_DATABASE_POOL_MIN_SIZE", 1, minimum=0)
    maximum = reader.integer("TCM_DATABASE_POOL_MAX_SIZE", 10, minimum=1)
    if minimum > maximum:
        reader.problem("TCM_DATABASE_POOL_MIN_SIZE must not exceed TCM_DATABASE_POOL_MAX_SIZE")
    # A production service always checks whom it talks to: the same flag that requires a password.
    ssl_mode, root_cert = _ssl(reader, require_verify_full=require_password)
    return DatabaseSettings(
        dsn=dsn,
        password=password,
        pool_min_size=minimum,
        pool_max_size=maximum,
        ssl_mode=ssl_mode,
        ssl_root_cert=root_cert,
    )
