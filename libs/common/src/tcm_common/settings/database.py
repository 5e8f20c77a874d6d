"""The database section: one URL, or the host/port/name/user/password parts that ECS injects."""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit, urlunsplit

from tcm_common.settings.reader import Secret, SettingsReader
from tcm_common.settings.sections import DatabaseSettings

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
    return DatabaseSettings(dsn=dsn, password=password, pool_min_size=minimum, pool_max_size=maximum)
