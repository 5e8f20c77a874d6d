"""`rotate-db-password`: a new password for the services' database login, without downtime.

The services connect as a login role of the group `tcm_app` named in `/tcm/<env>/database/app-user`
with `/tcm/<env>/database/app-password` (modules/database). Two login roles take turns, `<group>_blue`
and `<group>_green`, so the running tasks keep a valid login while the other one gets the new password:

1. the idle login role and a new random password go to the two parameters (the rotation's own
   record, `/tcm/<env>/database/app-rotation`, names both roles so that a rerun continues it);
2. `migrate` (as the schema owner) creates or updates that role with the new password and grants it;
3. every service is rolled onto it; the previous login role keeps working until the next rotation.

A task that autoscaling starts between steps 1 and 2 cannot connect until step 2 has run and is
replaced by ECS; the running ones are not affected.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from tcm_ops.context import OpsContext
from tcm_ops.errors import OpsError
from tcm_ops.migrate import run_migrate
from tcm_ops.parameters import prefix
from tcm_ops.rollout import deploy
from tcm_ops.services import SERVICES

COLOURS = ("blue", "green")


@dataclass(frozen=True)
class RotatePasswordOptions:
    timeout_seconds: float = 1800


def next_login(current: str) -> str:
    group, _, colour = current.rpartition("_")
    if not group or colour not in COLOURS:
        raise OpsError(f"the services' login role {current!r} is not <group>_blue or <group>_green")
    return f"{group}_{COLOURS[1 - COLOURS.index(colour)]}"


def new_password() -> str:
    # URL-safe characters only: no quoting questions anywhere the password travels.
    return secrets.token_urlsafe(32)


def run_rotate_db_password(ctx: OpsContext, options: RotatePasswordOptions) -> None:
    params = ctx.aws().parameters
    base = f"{prefix(ctx.environment)}/database"
    user_name, password_name, record_name = f"{base}/app-user", f"{base}/app-password", f"{base}/app-rotation"
    console = ctx.console
    record = params.get(record_name)
    if record is None:
        current = params.require(user_name, "Terraform writes it (modules/database); apply the environment first")
        target = next_login(current)
        params.create_secure(record_name, json.dumps({"from": current, "to": target}), params.key_id(user_name))
        console.step(f"1/3 new password for {target} (the services use {current} until they are rolled)")
        params.put(password_name, new_password())
        params.put(user_name, target)
    else:
        rotation = json.loads(record)
        current, target = rotation["from"], rotation["to"]
        if params.get(user_name) != target:
            raise OpsError(f"{record_name} says {current} -> {target}, but {user_name} is not {target}")
        console.step(f"1/3 continuing the rotation {current} -> {target} (password already written)")

    console.step(f"2/3 migrate grants {target} its new password")
    run_migrate(ctx, timeout_seconds=options.timeout_seconds)
    console.step("3/3 rolling every service onto the new login")
    for service in SERVICES:
        deploy(ctx, service, timeout_seconds=options.timeout_seconds, why=f"connect as {target}")
    params.delete(record_name)
    console.step(f"database password rotated: the services connect as {target}; {current} is idle")
