"""The services' database role: read and write rows, nothing else.

The owner (the role that runs the migrations and owns every table; the RDS master user in AWS) calls
`grant_application_role` after migrating:

- a group role (NOLOGIN) gets CONNECT, USAGE on the schema and SELECT/INSERT/UPDATE/DELETE on every
  table (and USAGE/SELECT on sequences), now and, through default privileges, for tables the owner
  creates later; never on `schema_migrations`, and never CREATE, so no DDL;
- a login role (NOSUPERUSER, NOCREATEDB, NOCREATEROLE: the defaults) is a member of the group and gets
  the given password (created, or its password set again: that is how a password rotation lands).

Services connect as a login role. Two login roles take turns (`tcm_app_blue`, `tcm_app_green` in AWS),
so that a rotation gives the idle one a new password while running tasks keep using the other.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

import asyncpg

from tcm_common.persistence.connection_types import DbConnection

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Tables only the owner may touch, whatever the grants on the rest of the schema.
OWNER_ONLY_TABLES = ("schema_migrations",)


class RoleNameError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class ApplicationRole:
    group: str
    login: str
    password: str = field(repr=False)


def _identifier(name: str) -> str:
    """A role name checked against a strict pattern, so quoting it is enough to make it safe in SQL."""
    if not _ROLE_NAME.match(name):
        raise RoleNameError(f"role name {name!r} must match {_ROLE_NAME.pattern}")
    return f'"{name}"'


async def _role_exists(connection: DbConnection, name: str) -> bool:
    return bool(await connection.fetchval("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", name))


async def _create_role(connection: DbConnection, statement: str) -> None:
    # Two migrate tasks may race: the loser finds the role created and carries on.
    with contextlib.suppress(asyncpg.DuplicateObjectError):
        await connection.execute(statement)


async def grant_application_role(connection: DbConnection, role: ApplicationRole, schema: str = "public") -> None:
    group, login, schema_name = _identifier(role.group), _identifier(role.login), _identifier(schema)
    if not await _role_exists(connection, role.group):
        await _create_role(connection, f"CREATE ROLE {group} NOLOGIN")
    database = await connection.fetchval("SELECT quote_ident(current_database())")
    dml = "SELECT, INSERT, UPDATE, DELETE"
    await connection.execute(f"GRANT CONNECT ON DATABASE {database} TO {group}")
    await connection.execute(f"REVOKE CREATE ON SCHEMA {schema_name} FROM PUBLIC")
    await connection.execute(f"GRANT USAGE ON SCHEMA {schema_name} TO {group}")
    await connection.execute(f"GRANT {dml} ON ALL TABLES IN SCHEMA {schema_name} TO {group}")
    await connection.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema_name} TO {group}")
    await connection.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema_name} GRANT {dml} ON TABLES TO {group}")
    await connection.execute(
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema_name} GRANT USAGE, SELECT ON SEQUENCES TO {group}"
    )
    for table in OWNER_ONLY_TABLES:
        exists = await connection.fetchval("SELECT to_regclass($1) IS NOT NULL", f"{schema}.{table}")
        if exists:
            await connection.execute(f"REVOKE ALL ON {schema_name}.{_identifier(table)} FROM {group}")

    # CREATE/ALTER ROLE take no bind parameters: the server quotes the password literal itself.
    if not await _role_exists(connection, role.login):
        create = await connection.fetchval(
            "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', $1::text, $2::text, $3::text)",
            role.login,
            role.password,
            role.group,
        )
        await _create_role(connection, create)
    alter = await connection.fetchval(
        "SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text)", role.login, role.password
    )
    await connection.execute(alter)
    await connection.execute(f"GRANT {group} TO {login}")
