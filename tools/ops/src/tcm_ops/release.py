"""`release SERVICE`: build, push and roll out one service; the other services are never touched.

Order: local preconditions first (service, version, Docker engine), then AWS: version bumped against
ECR, contract checks, build through Pants, push with an immutable version tag, a new revision of the
task definition Terraform manages (rollout.py) that changes only the service container's image, update
of that one ECS service, and a wait for the deployment to become stable (or a report of the circuit
breaker's rollback).
"""

from __future__ import annotations

from dataclasses import dataclass

from tcm_ops.context import OpsContext
from tcm_ops.contract_checks import run_contract_checks
from tcm_ops.errors import OpsError
from tcm_ops.images import build_image, push_image, pushed_image_digest, require_docker_engine
from tcm_ops.release_version import check_version_bumped, image_tags, repository_name, resolve_version
from tcm_ops.rollout import roll_out, running_task_definition
from tcm_ops.services import require_service
from tcm_ops.task_definitions import container_image


@dataclass(frozen=True)
class ReleaseOptions:
    service: str
    version: str | None
    timeout_seconds: float


def run_release(ctx: OpsContext, options: ReleaseOptions) -> None:
    console = ctx.console
    service = require_service(options.service)
    version = resolve_version(ctx.repo_root, service, options.version)
    console.step(f"release {service} {version} to {ctx.environment}")

    console.step("checking for a Docker engine")
    require_docker_engine(ctx.runner, ctx.repo_root)

    outputs = ctx.outputs()
    aws = ctx.aws()
    repository_url = outputs.ecr_repository_urls[service]
    repository = repository_name(repository_url)
    console.step(f"checking that {version} is a new version in ECR {repository}")
    check_version_bumped(service, version, image_tags(aws.ecr, repository))
    mutability = aws.ecr.describe_repositories(repositoryNames=[repository])["repositories"][0].get(
        "imageTagMutability", "MUTABLE"
    )
    if mutability != "IMMUTABLE":
        console.warn(
            f"ECR repository {repository} allows tag overwrites ({mutability}); "
            "Terraform should make it IMMUTABLE"
        )

    console.step(f"running the contract checks of {service}")
    run_contract_checks(ctx.runner, console, ctx.repo_root, service)

    console.step(f"building the {service} image through Pants")
    image_id = build_image(ctx.runner, console, ctx.repo_root, service, version)

    console.step(f"pushing {repository}:{version}")
    image = push_image(ctx.runner, console, aws.ecr, ctx.repo_root, image_id, repository_url, version)
    digest = pushed_image_digest(aws.ecr, repository, version)
    console.info(f"pushed {image} ({digest})")

    current_arn = running_task_definition(ctx, service)
    console.step(
        f"deploying {image} on the revision of {outputs.task_definition_families[service]} Terraform manages"
    )
    new_arn, outcome = roll_out(ctx, service, image=image, timeout_seconds=options.timeout_seconds)
    console.info(f"{current_arn} -> {new_arn}")
    if outcome.state == "rolled-back":
        raise OpsError(f"release of {service} {version} ROLLED BACK: {outcome.detail}")
    if outcome.state == "failed":
        raise OpsError(f"release of {service} {version} failed: {outcome.detail}")
    running_image = container_image(
        aws.ecs.describe_task_definition(taskDefinition=new_arn)["taskDefinition"], outputs.container_names[service]
    )
    console.step(f"released {service} {version}: {outcome.detail} ({running_image})")
