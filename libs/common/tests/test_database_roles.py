"""The services' database role reads and writes rows and nothing else; migrations run as the owner.

Roles are cluster-wide, so every role here has a name unique to this test run (pid + random suffix) and
is dropped afterwards, with the throwaway database the owner role owns.
"""

import asyncio
import os
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

import tcm_common
from tcm_common.persistence.database_roles import ApplicationRole, RoleNameError, grant_application_role
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.testing.postgres_server import admin_url


@dataclass(frozen=True)
class Cluster:
    server_url: str
    owner_url: str
    database: str
    owner: str
    group: str
    logins: tuple[str, str]

    def url_as(self, role: str) -> str:
        parts = urlsplit(self.owner_url)
        host = parts.netloc.rsplit("@", 1)[-1]
        return urlunsplit(parts._replace(netloc=f"{role}@{host}"))


def _with(url: str, *, user: str, database: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}", path=f"/{database}"))


@pytest.fixture
async def cluster() -> AsyncIterator[Cluster]:
    server = await admin_url()
    suffix = f"{os.getpid()}_{secrets.token_hex(4)}"
    owner, group = f"tcm_test_owner_{suffix}", f"tcm_test_app_{suffix}"
    logins = (f"tcm_test_app_{suffix}_blue", f"tcm_test_app_{suffix}_green")
    database = f"tcm_test_roles_{suffix}"
    admin = await asyncpg.connect(server)
    try:
        # The owner can create roles, as the RDS master user can; it is no superuser.
        await admin.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
        await admin.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    finally:
        await admin.close()
    try:
        yield Cluster(server, _with(server, user=owner, database=database), database, owner, group, logins)
    finally:
        admin = await asyncpg.connect(server)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            for role in (*logins, group, owner):
                await admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        finally:
            await admin.close()


async def _migrate_and_grant(cluster: Cluster, login: str, password: str) -> None:
    owner = await asyncpg.connect(cluster.owner_url)
    try:
        await apply_migrations(owner)
        await grant_application_role(owner, ApplicationRole(cluster.group, login, password))
    finally:
        await owner.close()


async def test_application_role_reads_and_writes_rows_but_cannot_change_the_schema(cluster: Cluster) -> None:
    await _migrate_and_grant(cluster, cluster.logins[0], "first-password")

    app = await asyncpg.connect(cluster.url_as(cluster.logins[0]))
    try:
        user_id = await app.fetchval(
            "INSERT INTO users (username, role, password_hash) VALUES ('roles_probe', 'TESTER', 'h') RETURNING id"
        )
        assert await app.fetchval("SELECT username FROM users WHERE id = $1", user_id) == "roles_probe"
        await app.execute("UPDATE users SET disabled = true WHERE id = $1", user_id)
        await app.execute("DELETE FROM users WHERE id = $1", user_id)

        refused = [
            "ALTER TABLE users ADD COLUMN sneaky text",
            "ALTER TABLE users DROP COLUMN username",
            "DROP TABLE users",
            "DROP TABLE test_cases",
            "TRUNCATE users",
            "CREATE TABLE sneaky (id int)",
            "CREATE INDEX sneaky ON users (username)",
            "DELETE FROM schema_migrations",
            "SELECT count(*) FROM schema_migrations",
            f'GRANT "{cluster.group}" TO "{cluster.owner}"',
            "CREATE ROLE sneaky_role",
            f'ALTER ROLE "{cluster.logins[0]}" CREATEROLE',
            f'ALTER ROLE "{cluster.logins[0]}" SUPERUSER',
        ]
        for statement in refused:
            with pytest.raises(asyncpg.PostgresError) as caught:
                await app.execute(statement)
            assert isinstance(caught.value, asyncpg.InsufficientPrivilegeError) or "permission denied" in str(
                caught.value
            ), statement
        attributes = await app.fetchrow(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles"
            " WHERE rolname = current_user"
        )
        assert attributes is not None
        assert not any(attributes.values())
    finally:
        await app.close()

    owner = await asyncpg.connect(cluster.owner_url)
    try:
        # The table is intact and the owner can still change it (the next migration).
        assert await owner.fetchval("SELECT to_regclass('users') IS NOT NULL")
        await owner.execute("ALTER TABLE users ADD COLUMN owner_probe text")
        await owner.execute("CREATE TABLE later_table (id int)")
    finally:
        await owner.close()
    app = await asyncpg.connect(cluster.url_as(cluster.logins[0]))
    try:
        # Default privileges: a table the owner creates later is usable without another grant...
        await app.execute("INSERT INTO later_table VALUES (1)")
        # ...and still not alterable or droppable.
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await app.execute("DROP TABLE later_table")
    finally:
        await app.close()


async def test_granting_again_rotates_the_login_and_keeps_the_other_one(cluster: Cluster) -> None:
    blue, green = cluster.logins
    await _migrate_and_grant(cluster, blue, "blue-password")
    await _migrate_and_grant(cluster, green, "green-password")
    await _migrate_and_grant(cluster, green, "green-password-2")  # idempotent, sets the password again

    owner = await asyncpg.connect(cluster.owner_url)
    try:
        members = await owner.fetch(
            "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid"
            " JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = $1 ORDER BY 1",
            cluster.group,
        )
        assert [row["rolname"] for row in members] == [blue, green]
        group_can_login = await owner.fetchval("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", cluster.group)
        assert group_can_login is False
    finally:
        await owner.close()
    for login in (blue, green):
        app = await asyncpg.connect(cluster.url_as(login))
        try:
            assert await app.fetchval("SELECT count(*) FROM users") >= 0
        finally:
            await app.close()


async def test_role_names_are_checked_before_any_sql(cluster: Cluster) -> None:
    owner = await asyncpg.connect(cluster.owner_url)
    try:
        with pytest.raises(RoleNameError):
            await grant_application_role(owner, ApplicationRole('app"; DROP TABLE users; --', "x_login", "pw"))
    finally:
        await owner.close()


async def test_migrate_command_grants_the_role_from_its_settings(cluster: Cluster) -> None:
    blue = cluster.logins[0]
    source_root = Path(tcm_common.__file__).resolve().parents[1]
    environ = {
        **os.environ,
        "PYTHONPATH": str(source_root),
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": cluster.owner_url,
        "TCM_DATABASE_APP_ROLE": cluster.group,
        "TCM_DATABASE_APP_USER": blue,
        "TCM_DATABASE_APP_PASSWORD": "from-ssm",
    }
    completed = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "tcm_common.cli", "migrate"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert f"role {blue} (in {cluster.group}) may read and write rows only" in completed.stdout
    app = await asyncpg.connect(cluster.url_as(blue))
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await app.execute("DROP TABLE users")
        assert await app.fetchval("SELECT count(*) FROM test_suites") == 0
    finally:
        await app.close()

    incomplete = {**environ, "TCM_DATABASE_APP_PASSWORD": ""}
    refused = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "tcm_common.cli", "migrate"],
        env=incomplete,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert refused.returncode == 2
    assert "missing TCM_DATABASE_APP_PASSWORD" in refused.stderr
