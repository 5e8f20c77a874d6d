"""A one-off Fargate task: run it, stream its logs, judge its exit code.

The caller chooses the task definition and container (migrate: Terraform's `tcm-<env>-migrate` revision
with the image the REST service runs; seed-demo: the REST service's running revision). The task runs in
the environment's private subnets with the REST service's task security group, without a public IP,
and overrides only the container's command and `PEX_MODULE` (docs/conventions.md: the same PEX runs the
CLI).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tcm_ops.context import OpsContext
from tcm_ops.errors import OpsError, RefusedError
from tcm_ops.log_follow import LogFollower
from tcm_ops.polling import Done, Pending, wait_for
from tcm_ops.services import ONE_OFF_TASK_SERVICE

if TYPE_CHECKING:
    from mypy_boto3_ecs.client import ECSClient
    from mypy_boto3_ecs.type_defs import ContainerDefinitionOutputTypeDef, RunTaskResponseTypeDef, TaskTypeDef

CLI_MODULE = "tcm_common.cli"


@dataclass(frozen=True)
class TaskOutcome:
    succeeded: bool
    exit_code: int | None
    detail: str


def task_outcome(task: TaskTypeDef, container: str) -> TaskOutcome:
    """Judges a STOPPED task by its container's exit code; no exit code (the container never ran, or was
    killed) is a failure too."""
    stopped_reason = task.get("stoppedReason") or "no reason given"
    stop_code = task.get("stopCode")
    match = next((c for c in task.get("containers", []) if c.get("name") == container), None)
    if match is None:
        return TaskOutcome(False, None, f"task has no container {container!r} ({stopped_reason})")
    exit_code = match.get("exitCode")
    if exit_code is None:
        reason = match.get("reason") or stopped_reason
        code = f"{stop_code}: " if stop_code else ""
        return TaskOutcome(False, None, f"container {container} has no exit code ({code}{reason})")
    if exit_code != 0:
        return TaskOutcome(
            False, exit_code, f"container {container} exited with code {exit_code} ({stopped_reason})"
        )
    return TaskOutcome(True, 0, f"container {container} exited with code 0")


def _log_location(
    definition: ContainerDefinitionOutputTypeDef, container: str, task_id: str, default_group: str
) -> tuple[str, str] | None:
    config = definition.get("logConfiguration")
    if not config or config.get("logDriver") != "awslogs":
        return None
    options = config.get("options", {})
    group = options.get("awslogs-group", default_group)
    prefix = options.get("awslogs-stream-prefix")
    stream = f"{prefix}/{container}/{task_id}" if prefix else task_id
    return group, stream


def _container_definition(
    ecs: ECSClient, task_definition_arn: str, container: str, environment_guard: str | None
) -> ContainerDefinitionOutputTypeDef:
    task_definition = ecs.describe_task_definition(taskDefinition=task_definition_arn)["taskDefinition"]
    definition = next(
        (d for d in task_definition.get("containerDefinitions", []) if d.get("name") == container), None
    )
    if definition is None:
        raise OpsError(f"{task_definition_arn} has no container {container!r}")
    if environment_guard is not None:
        env = {e.get("name"): e.get("value") for e in definition.get("environment", [])}
        if env.get("TCM_ENVIRONMENT") == environment_guard:
            raise RefusedError(
                f"refused: {task_definition_arn} runs with TCM_ENVIRONMENT={environment_guard}"
            )
    return definition


def _started_task_arn(response: RunTaskResponseTypeDef, purpose: str) -> str:
    failures = response.get("failures", [])
    if failures or not response.get("tasks"):
        detail = "; ".join(
            f"{f.get('arn', '')} {f.get('reason', '')} {f.get('detail', '')}".strip() for f in failures
        )
        raise OpsError(f"ECS could not start the {purpose} task: {detail or 'no task returned'}")
    return response["tasks"][0]["taskArn"]


def _drain_logs(ctx: OpsContext, follower: LogFollower) -> None:
    # CloudWatch delivers the last lines a little after the task stops.
    for _ in range(3):
        if follower.poll() == 0:
            break
        ctx.clock.sleep(ctx.poll_interval_seconds)


def run_one_off_task(
    ctx: OpsContext,
    *,
    task_definition_arn: str,
    container: str,
    command: Sequence[str],
    purpose: str,
    timeout_seconds: float,
    started_by: str,
    environment_guard: str | None = None,
) -> TaskOutcome:
    """Runs `command` in `container` of the task definition; raises OpsError when the task fails. With
    `environment_guard` set, refuses a task definition whose TCM_ENVIRONMENT equals it."""
    console = ctx.console
    outputs = ctx.outputs()
    ecs = ctx.aws().ecs
    cluster = outputs.cluster_name
    service = ONE_OFF_TASK_SERVICE
    definition = _container_definition(ecs, task_definition_arn, container, environment_guard)

    console.step(f"{purpose}: one-off task from {task_definition_arn}")
    response = ecs.run_task(
        cluster=cluster,
        taskDefinition=task_definition_arn,
        launchType="FARGATE",
        count=1,
        startedBy=started_by[:128],
        networkConfiguration={
            "awsvpcConfiguration": {
                "subnets": list(outputs.private_subnet_ids),
                "securityGroups": [outputs.task_security_group_ids[service]],
                "assignPublicIp": "DISABLED",
            }
        },
        overrides={
            "containerOverrides": [
                {
                    "name": container,
                    "command": list(command),
                    "environment": [{"name": "PEX_MODULE", "value": CLI_MODULE}],
                }
            ]
        },
    )
    task_arn = _started_task_arn(response, purpose)
    task_id = task_arn.rsplit("/", 1)[-1]
    console.info(f"task {task_arn}")

    location = _log_location(definition, container, task_id, outputs.log_group_names[service])
    follower: LogFollower | None = None
    if location is None:
        console.warn(f"container {container} does not log to CloudWatch (awslogs); no logs to stream")
    else:
        follower = LogFollower(
            ctx.aws().logs, location[0], location[1], lambda line: console.raw(f"  | {line}")
        )
        console.info(f"logs: {location[0]} {location[1]}")

    def check() -> Pending | Done[TaskTypeDef]:
        if follower is not None:
            follower.poll()
        tasks = ecs.describe_tasks(cluster=cluster, tasks=[task_arn])["tasks"]
        if not tasks:
            return Pending("task not visible yet")
        task = tasks[0]
        status = task.get("lastStatus", "UNKNOWN")
        if status == "STOPPED":
            return Done(task)
        return Pending(status)

    stopped = wait_for(
        check,
        what=f"{purpose} task",
        timeout_seconds=timeout_seconds,
        interval_seconds=ctx.poll_interval_seconds,
        console=console,
        clock=ctx.clock,
    )
    if follower is not None:
        _drain_logs(ctx, follower)
    outcome = task_outcome(stopped, container)
    if not outcome.succeeded:
        raise OpsError(f"{purpose} FAILED: {outcome.detail}; task {task_arn}")
    console.step(f"{purpose} succeeded: {outcome.detail}")
    return outcome
