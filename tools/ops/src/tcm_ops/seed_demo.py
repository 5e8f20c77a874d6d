"""`seed-demo`: load the demo data as a one-off task; refused for production.

Three guards: the environment named on the command line, the environment the Terraform outputs
describe (checked to be the same when they are loaded), and the task definition's TCM_ENVIRONMENT
(the CLI in the container refuses production by itself as well).
"""

from __future__ import annotations

from tcm_ops.context import OpsContext
from tcm_ops.errors import RefusedError
from tcm_ops.one_off_task import run_one_off_task
from tcm_ops.rollout import running_task_definition
from tcm_ops.services import ONE_OFF_TASK_SERVICE, PRODUCTION


def run_seed_demo(ctx: OpsContext, *, timeout_seconds: float) -> None:
    if ctx.environment == PRODUCTION:
        raise RefusedError("seed-demo is refused for production: demo data goes to development only")
    if ctx.outputs().environment == PRODUCTION:
        raise RefusedError("seed-demo is refused: the Terraform outputs describe the production environment")
    # The services' own role (rows only) is all demo data needs.
    run_one_off_task(
        ctx,
        task_definition_arn=running_task_definition(ctx, ONE_OFF_TASK_SERVICE),
        container=ctx.outputs().container_names[ONE_OFF_TASK_SERVICE],
        command=["seed-demo"],
        purpose="seed-demo",
        timeout_seconds=timeout_seconds,
        started_by="tcm-ops seed-demo",
        environment_guard=PRODUCTION,
    )
