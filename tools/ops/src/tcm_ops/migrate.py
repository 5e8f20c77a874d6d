"""`migrate`: apply database migrations as a one-off task (`python -m tcm_common.cli migrate`)."""

from __future__ import annotations

from tcm_ops.context import OpsContext
from tcm_ops.one_off_task import run_one_off_task
from tcm_ops.services import ONE_OFF_TASK_SERVICE


def run_migrate(ctx: OpsContext, *, timeout_seconds: float) -> None:
    run_one_off_task(
        ctx,
        service=ONE_OFF_TASK_SERVICE,
        command=["migrate"],
        purpose="migrate",
        timeout_seconds=timeout_seconds,
        started_by="tcm-ops migrate",
    )
