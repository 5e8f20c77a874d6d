"""Rolling a service onto the revision Terraform manages: the one source of truth of its task definition.

Terraform registers each service's task definition and publishes the revision's ARN in SSM
(`/tcm/<env>/task-definitions/<svc>`, modules/service). Every rollout of this tool starts from that
revision and changes only the service container's image:

- `release` with the image it just pushed;
- `deploy` (and the rotations, which need new tasks to read new secrets) with the image running now.

So settings, secrets, CPU/memory or the collector image that `terraform apply` registered reach the
running service with the next release or deploy, and an apply never rolls a release back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tcm_ops.context import OpsContext
from tcm_ops.deployment import DeploymentOutcome, roll_service
from tcm_ops.errors import OpsError
from tcm_ops.parameters import task_definition_parameter
from tcm_ops.release_version import image_tags, repository_name
from tcm_ops.task_definitions import container_image, register_with_image

if TYPE_CHECKING:
    from mypy_boto3_ecs.client import ECSClient


def managed_task_definition(ctx: OpsContext, name: str) -> str:
    """The ARN of the revision Terraform manages for a service or a one-off task (e.g. migrate)."""
    parameter = task_definition_parameter(ctx.environment, name)
    return ctx.aws().parameters.require(
        parameter,
        f"Terraform publishes it when it registers the task definition; run `terraform apply` in "
        f"infra/terraform/environments/{ctx.environment} first",
    )


def running_task_definition(ctx: OpsContext, service: str) -> str:
    outputs = ctx.outputs()
    name = outputs.service_names[service]
    described = ctx.aws().ecs.describe_services(cluster=outputs.cluster_name, services=[name])["services"]
    if not described or described[0].get("status") != "ACTIVE":
        raise OpsError(f"ECS service {name} is not active in cluster {outputs.cluster_name}")
    return described[0]["taskDefinition"]


def running_image(ctx: OpsContext, service: str) -> str:
    ecs = ctx.aws().ecs
    definition = ecs.describe_task_definition(taskDefinition=running_task_definition(ctx, service))
    return container_image(definition["taskDefinition"], ctx.outputs().container_names[service])


def revision_with_image(ecs: ECSClient, managed_arn: str, container: str, image: str) -> str:
    """Terraform's revision itself when it already runs `image`, else a copy of it that does."""
    managed = ecs.describe_task_definition(taskDefinition=managed_arn)["taskDefinition"]
    if container_image(managed, container) == image:
        return managed_arn
    return register_with_image(ecs, managed_arn, container, image)


def roll_out(
    ctx: OpsContext, service: str, *, image: str | None, timeout_seconds: float
) -> tuple[str, DeploymentOutcome]:
    """Deploys Terraform's revision of `service` with `image` (None: the image running now) and waits.
    New tasks are started even when the revision is unchanged: they read the SSM secrets again."""
    outputs = ctx.outputs()
    ecs = ctx.aws().ecs
    container = outputs.container_names[service]
    managed_arn = managed_task_definition(ctx, service)
    target_image = image or running_image(ctx, service)
    target = revision_with_image(ecs, managed_arn, container, target_image)
    ctx.console.info(f"{outputs.service_names[service]}: {target} ({target_image})")
    outcome = roll_service(
        ecs,
        ctx.console,
        ctx.clock,
        cluster=outputs.cluster_name,
        service=outputs.service_names[service],
        task_definition=target,
        timeout_seconds=timeout_seconds,
        poll_interval_seconds=ctx.poll_interval_seconds,
    )
    return target, outcome


def released_image(ctx: OpsContext, service: str, version: str) -> str:
    url = ctx.outputs().ecr_repository_urls[service]
    repository = repository_name(url)
    if version not in image_tags(ctx.aws().ecr, repository):
        raise OpsError(f"{repository}:{version} is not in ECR; released versions: "
                       f"{', '.join(sorted(image_tags(ctx.aws().ecr, repository))) or 'none'}")
    return f"{url}:{version}"


def deploy(
    ctx: OpsContext,
    service: str,
    *,
    timeout_seconds: float,
    why: str = "Terraform's revision, running image",
    version: str | None = None,
) -> str:
    """roll_out with the running image (or a released `version`); raises OpsError unless the deployment
    became stable."""
    image = released_image(ctx, service, version) if version is not None else None
    ctx.console.step(f"rolling {service} ({why if image is None else f'back or forth to {image}'})")
    target, outcome = roll_out(ctx, service, image=image, timeout_seconds=timeout_seconds)
    if outcome.state == "rolled-back":
        raise OpsError(f"deployment of {service} ROLLED BACK: {outcome.detail}")
    if outcome.state == "failed":
        raise OpsError(f"deployment of {service} failed: {outcome.detail}")
    ctx.console.info(f"{service}: {outcome.detail}")
    return target
