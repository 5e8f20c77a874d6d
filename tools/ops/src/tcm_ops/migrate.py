"""`migrate`: apply database migrations as a one-off task (`python -m tcm_common.cli migrate`).

It runs Terraform's `tcm-<env>-migrate` task definition, the only one with the schema owner's password,
with the image the REST service runs now (the migrations ship in every image): the task migrates as the
owner and grants the services' role (rows only) from the parameters the services read.
"""

from __future__ import annotations

from tcm_ops.context import OpsContext
from tcm_ops.one_off_task import run_one_off_task
from tcm_ops.rollout import managed_task_definition, revision_with_image, running_image
from tcm_ops.services import MIGRATE_TASK, ONE_OFF_TASK_SERVICE


def run_migrate(ctx: OpsContext, *, timeout_seconds: float) -> None:
    image = running_image(ctx, ONE_OFF_TASK_SERVICE)
    task_definition = revision_with_image(
        ctx.aws().ecs, managed_task_definition(ctx, MIGRATE_TASK), MIGRATE_TASK, image
    )
    run_one_off_task(
        ctx,
        task_definition_arn=task_definition,
        container=MIGRATE_TASK,
        command=["migrate"],
        purpose="migrate",
        timeout_seconds=timeout_seconds,
        started_by="tcm-ops migrate",
    )
