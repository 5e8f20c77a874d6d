"""Operator commands, run as one-off tasks from any service image:

    python -m tcm_common.cli migrate      apply pending migrations (safe to run concurrently); as the
                                          owner role, then grant the services' role when
                                          TCM_DATABASE_APP_ROLE/USER/PASSWORD are set
    python -m tcm_common.cli seed-demo    create the demo data (refused when TCM_ENVIRONMENT=production)
    python -m tcm_common.cli create-admin the first Admin of a fresh installation, from
                                          TCM_INITIAL_ADMIN_USERNAME and TCM_INITIAL_ADMIN_PASSWORD
                                          (refused once an active Admin exists)

Exit codes: 0 done, 2 configuration or usage error, 1 refused or failed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from tcm_common.application.clock import Clock
from tcm_common.auth.initial_admin import create_initial_admin
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.demo.seeding import DemoDataRefusedError, seed_demo_data
from tcm_common.domain.errors import Conflict, ValidationFailed
from tcm_common.persistence.connection import connect
from tcm_common.persistence.database_roles import ApplicationRole, RoleNameError, grant_application_role
from tcm_common.persistence.migrator import MigrationError, apply_migrations
from tcm_common.settings import (
    Environment,
    SettingsError,
    load_application_role_settings,
    load_database_settings,
    load_environment,
    load_time_zone,
)


async def _migrate() -> int:
    database = load_database_settings()
    application_role = load_application_role_settings()
    connection = await connect(database)
    try:
        applied = await apply_migrations(connection)
        if application_role is not None:
            await grant_application_role(
                connection,
                ApplicationRole(
                    group=application_role.group,
                    login=application_role.login,
                    password=application_role.password.reveal(),
                ),
            )
    finally:
        await connection.close()
    for name in applied:
        print(f"applied {name}")
    print(f"migrations up to date ({len(applied)} applied now)")
    if application_role is not None:
        print(f"role {application_role.login} (in {application_role.group}) may read and write rows only")
    return 0


async def _seed_demo() -> int:
    environment = load_environment()
    if environment is Environment.PRODUCTION:
        # Checked before connecting: production credentials are never even used for this.
        raise DemoDataRefusedError("demo data is never seeded in production")
    connection = await connect(load_database_settings())
    try:
        created = await seed_demo_data(connection, environment, Clock(load_time_zone()))
    finally:
        await connection.close()
    for name in created:
        print(f"seeded {name}")
    print(f"demo data in place ({len(created)} suite(s) created now)")
    return 0


async def _create_admin() -> int:
    username = os.environ.get("TCM_INITIAL_ADMIN_USERNAME")
    password = os.environ.get("TCM_INITIAL_ADMIN_PASSWORD")
    if not username or not password:
        # From the environment only (an SSM secret in a one-off task): never a command-line argument.
        raise SettingsError(["set TCM_INITIAL_ADMIN_USERNAME and TCM_INITIAL_ADMIN_PASSWORD"])
    connection = await connect(load_database_settings())
    try:
        admin = await create_initial_admin(connection, PasswordHasher(), username=username, password=password)
    finally:
        await connection.close()
    print(f"created Admin {admin.username}")
    return 0


_COMMANDS = {"migrate": _migrate, "seed-demo": _seed_demo, "create-admin": _create_admin}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tcm_common.cli", description=__doc__)
    parser.add_argument("command", choices=sorted(_COMMANDS))
    arguments = parser.parse_args(argv)
    try:
        return asyncio.run(_COMMANDS[arguments.command]())
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    except RoleNameError as error:
        print(error, file=sys.stderr)
        return 2
    except (MigrationError, DemoDataRefusedError, Conflict, ValidationFailed) as error:
        print(f"refused: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
