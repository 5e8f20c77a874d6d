"""Rolling an ECS service to a new task definition and following that deployment to its end.

The deployment is identified by the PRIMARY deployment that update_service returns. It is:
- stable when its rolloutState is COMPLETED (or, for services without rollout states, when it is the
  only deployment and runs the desired count) and the service uses the new task definition;
- failed when its rolloutState is FAILED: the deployment circuit breaker fired. With rollback enabled
  ECS then starts a new deployment of the previous revision, which is reported as a rollback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tcm_ops.clock import Clock
from tcm_ops.console import Console
from tcm_ops.errors import OpsError
from tcm_ops.polling import Done, Pending, wait_for

if TYPE_CHECKING:
    from mypy_boto3_ecs.client import ECSClient
    from mypy_boto3_ecs.type_defs import ServiceTypeDef


@dataclass(frozen=True)
class DeploymentOutcome:
    state: Literal["stable", "failed", "rolled-back"]
    detail: str


def assess_deployment(
    service: ServiceTypeDef, deployment_id: str, new_task_definition: str
) -> Pending | Done[DeploymentOutcome]:
    deployments = service.get("deployments", [])
    ours = next((d for d in deployments if d.get("id") == deployment_id), None)
    rollback_to = next(
        (d for d in deployments if d.get("status") == "PRIMARY" and d.get("id") != deployment_id), None
    )
    reason = ours.get("rolloutStateReason", "") if ours else ""
    circuit_breaker_fired = ours is not None and ours.get("rolloutState") == "FAILED"
    if circuit_breaker_fired or (ours is None and rollback_to is not None):
        if rollback_to is not None:
            return Done(
                DeploymentOutcome(
                    "rolled-back",
                    f"the deployment circuit breaker fired ({reason or 'deployment failed'}); ECS is rolling "
                    f"back to {rollback_to.get('taskDefinition')}",
                )
            )
        return Done(DeploymentOutcome("failed", f"the deployment failed: {reason or 'no reason given'}"))
    if ours is None:
        return Pending("deployment not found yet")
    running, desired = ours.get("runningCount", 0), ours.get("desiredCount", 0)
    progress = f"{ours.get('rolloutState', 'IN_PROGRESS')}, {running}/{desired} running"
    failed_tasks = ours.get("failedTasks", 0)
    if failed_tasks:
        progress += f", {failed_tasks} failed"
    finished = ours.get("rolloutState") == "COMPLETED" or (
        "rolloutState" not in ours and len(deployments) == 1 and running == desired
    )
    if finished and service.get("taskDefinition") == new_task_definition:
        return Done(DeploymentOutcome("stable", f"{running}/{desired} tasks running {new_task_definition}"))
    return Pending(progress)


def roll_service(
    ecs: ECSClient,
    console: Console,
    clock: Clock,
    *,
    cluster: str,
    service: str,
    task_definition: str,
    timeout_seconds: float,
    poll_interval_seconds: float,
) -> DeploymentOutcome:
    # forceNewDeployment: new tasks even when the revision is unchanged (they read SSM secrets anew).
    updated = ecs.update_service(
        cluster=cluster, service=service, taskDefinition=task_definition, forceNewDeployment=True
    )["service"]
    primary = next((d for d in updated.get("deployments", []) if d.get("status") == "PRIMARY"), None)
    if primary is None or "id" not in primary:
        raise OpsError(f"ECS started no deployment for {service}")
    deployment_id = primary["id"]
    console.info(f"deployment {deployment_id} started")

    def check() -> Pending | Done[DeploymentOutcome]:
        described = ecs.describe_services(cluster=cluster, services=[service])["services"]
        if not described:
            raise OpsError(f"ECS service {service} disappeared during the deployment")
        return assess_deployment(described[0], deployment_id, task_definition)

    return wait_for(
        check,
        what=f"deployment of {service}",
        timeout_seconds=timeout_seconds,
        interval_seconds=poll_interval_seconds,
        console=console,
        clock=clock,
    )
