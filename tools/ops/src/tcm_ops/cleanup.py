"""`cleanup --service S | --all`: scale down and remove what the ops tool created.

For each service: suspend its Application Auto Scaling (so it does not scale back out), scale the ECS
service to 0 and wait, deregister and delete the task definition revisions that `release` registered
(tagged `tcm:created-by=tcm-ops`) except the newest N and the one the service uses, and delete ECR
images older than the newest N versions (never an image a kept revision uses). `--all` does this for
every service, empties the frontend bucket that `publish-frontend` filled, and prints the
`terraform destroy` to run: Terraform-managed resources are never deleted behind Terraform's back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tcm_ops.context import OpsContext
from tcm_ops.errors import OpsError, RefusedError
from tcm_ops.polling import Done, Pending, wait_for
from tcm_ops.release_version import repository_name
from tcm_ops.semver import parse_version
from tcm_ops.services import PRODUCTION, SERVICES, require_service
from tcm_ops.task_definitions import CREATED_BY_TAG

if TYPE_CHECKING:
    from mypy_boto3_ecr.type_defs import ImageDetailTypeDef, ImageIdentifierTypeDef


@dataclass(frozen=True)
class CleanupOptions:
    service: str | None
    all_services: bool
    keep: int
    dry_run: bool
    allow_production: bool
    timeout_seconds: float


def _act(ctx: OpsContext, dry_run: bool, message: str) -> bool:
    ctx.console.info(("would " if dry_run else "") + message)
    return not dry_run


def scale_down(ctx: OpsContext, service: str, options: CleanupOptions) -> None:
    outputs = ctx.outputs()
    aws = ctx.aws()
    cluster, ecs_service = outputs.cluster_name, outputs.service_names[service]
    resource_id = f"service/{cluster}/{ecs_service}"
    targets = aws.autoscaling.describe_scalable_targets(
        ServiceNamespace="ecs", ResourceIds=[resource_id], ScalableDimension="ecs:service:DesiredCount"
    )["ScalableTargets"]
    for target in targets:
        if _act(ctx, options.dry_run, f"suspend auto scaling of {ecs_service} (min {target['MinCapacity']})"):
            aws.autoscaling.register_scalable_target(
                ServiceNamespace="ecs",
                ResourceId=resource_id,
                ScalableDimension="ecs:service:DesiredCount",
                SuspendedState={
                    "DynamicScalingInSuspended": True,
                    "DynamicScalingOutSuspended": True,
                    "ScheduledScalingSuspended": True,
                },
            )
    described = aws.ecs.describe_services(cluster=cluster, services=[ecs_service])["services"]
    if not described or described[0].get("status") != "ACTIVE":
        ctx.console.info(f"ECS service {ecs_service} is not active: nothing to scale down")
        return
    if not _act(
        ctx, options.dry_run, f"scale {ecs_service} from {described[0].get('desiredCount', 0)} to 0 tasks"
    ):
        return
    aws.ecs.update_service(cluster=cluster, service=ecs_service, desiredCount=0)

    def check() -> Pending | Done[None]:
        svc = aws.ecs.describe_services(cluster=cluster, services=[ecs_service])["services"][0]
        running, pending = svc.get("runningCount", 0), svc.get("pendingCount", 0)
        return (
            Done(None) if running == 0 and pending == 0 else Pending(f"{running} running, {pending} pending")
        )

    wait_for(
        check,
        what=f"{ecs_service} to stop its tasks",
        timeout_seconds=options.timeout_seconds,
        interval_seconds=ctx.poll_interval_seconds,
        console=ctx.console,
        clock=ctx.clock,
    )


def remove_task_definitions(ctx: OpsContext, service: str, options: CleanupOptions) -> set[str]:
    """Removes old revisions registered by the tool; returns the images the kept revisions use."""
    outputs = ctx.outputs()
    ecs = ctx.aws().ecs
    family, container = outputs.task_definition_families[service], outputs.container_names[service]
    described = ecs.describe_services(cluster=outputs.cluster_name, services=[outputs.service_names[service]])
    in_use = {s["taskDefinition"] for s in described["services"] if "taskDefinition" in s}
    arns: list[str] = []
    for page in ecs.get_paginator("list_task_definitions").paginate(
        familyPrefix=family, status="ACTIVE", sort="DESC"
    ):
        arns.extend(a for a in page["taskDefinitionArns"] if a.rsplit("/", 1)[-1].rsplit(":", 1)[0] == family)
    arns.sort(key=lambda arn: int(arn.rsplit(":", 1)[1]), reverse=True)  # newest first
    kept_images: set[str] = set()
    created_seen = 0
    to_remove: list[str] = []
    for arn in arns:
        response = ecs.describe_task_definition(taskDefinition=arn, include=["TAGS"])
        images = {
            d.get("image", "")
            for d in response["taskDefinition"].get("containerDefinitions", [])
            if d.get("name") == container
        }
        created_by_tool = CREATED_BY_TAG in response.get("tags", [])
        if created_by_tool:
            created_seen += 1
        if arn in in_use or not created_by_tool or created_seen <= options.keep:
            kept_images |= images
        else:
            to_remove.append(arn)
    for arn in to_remove:
        _act(ctx, options.dry_run, f"deregister and delete {arn}")
    if to_remove and not options.dry_run:
        for arn in to_remove:
            ecs.deregister_task_definition(taskDefinition=arn)
        for start in range(0, len(to_remove), 10):
            ecs.delete_task_definitions(taskDefinitions=to_remove[start : start + 10])
    if not to_remove:
        ctx.console.info(f"no task definition revisions of {family} to remove")
    return kept_images


def _image_ids(images: list[ImageDetailTypeDef]) -> list[ImageIdentifierTypeDef]:
    # A tagged image goes when its last tag is deleted; an untagged one is deleted by digest.
    ids: list[ImageIdentifierTypeDef] = []
    for d in images:
        if d.get("imageTags"):
            ids.extend({"imageTag": tag} for tag in d["imageTags"])
        elif "imageDigest" in d:
            ids.append({"imageDigest": d["imageDigest"]})
    return ids


def remove_images(ctx: OpsContext, service: str, kept_images: set[str], options: CleanupOptions) -> None:
    ecr = ctx.aws().ecr
    url = ctx.outputs().ecr_repository_urls[service]
    repository = repository_name(url)
    details: list[ImageDetailTypeDef] = []
    for page in ecr.get_paginator("describe_images").paginate(repositoryName=repository):
        details.extend(page["imageDetails"])
    kept_tags = {image.rsplit(":", 1)[-1] for image in kept_images if image.startswith(url + ":")}
    kept_digests = {image.rsplit("@", 1)[-1] for image in kept_images if image.startswith(url + "@")}

    def newest_version(detail: ImageDetailTypeDef) -> tuple[int, object]:
        versions = [v for v in (parse_version(t) for t in detail.get("imageTags", [])) if v is not None]
        return (1, max(versions)) if versions else (0, detail.get("imagePushedAt"))

    # Images are compared by identity, not digest: one digest can carry several tags.
    versioned = sorted((d for d in details if d.get("imageTags")), key=newest_version, reverse=True)
    newest = {id(d) for d in versioned[: options.keep]}
    remove = [
        d
        for d in details
        if id(d) not in newest
        and d.get("imageDigest") not in kept_digests
        and not kept_tags.intersection(d.get("imageTags", []))
    ]
    if not remove:
        ctx.console.info(f"no images of {repository} to remove")
        return
    for d in remove:
        _act(
            ctx,
            options.dry_run,
            f"delete {repository} {', '.join(d.get('imageTags', [])) or 'untagged'} "
            f"({d.get('imageDigest', '?')[:19]})",
        )
    if not options.dry_run:
        ids = _image_ids(remove)
        for start in range(0, len(ids), 100):
            result = ecr.batch_delete_image(repositoryName=repository, imageIds=ids[start : start + 100])
            if result.get("failures"):
                raise OpsError(f"deleting images of {repository} failed: {result['failures']}")


def empty_frontend_bucket(ctx: OpsContext, options: CleanupOptions) -> None:
    s3 = ctx.aws().s3
    bucket = ctx.outputs().frontend_bucket_name
    keys: list[str] = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys.extend(o["Key"] for o in page.get("Contents", []))
    if not keys:
        ctx.console.info(f"s3://{bucket} is already empty")
        return
    if _act(ctx, options.dry_run, f"delete the {len(keys)} published files of s3://{bucket}"):
        for start in range(0, len(keys), 1000):
            s3.delete_objects(
                Bucket=bucket,
                Delete={"Objects": [{"Key": k} for k in keys[start : start + 1000]], "Quiet": True},
            )


def run_cleanup(ctx: OpsContext, options: CleanupOptions) -> None:
    if options.all_services == (options.service is not None):
        raise OpsError("cleanup needs exactly one of --service S or --all")
    if options.keep < 1:
        raise OpsError("--keep must be at least 1 (the newest release stays available for a rollback)")
    if ctx.environment == PRODUCTION and not options.allow_production:
        raise RefusedError("cleanup of production is refused without --allow-production")
    services = list(SERVICES) if options.all_services else [require_service(options.service or "")]
    for service in services:
        ctx.console.step(
            f"cleanup of {service} in {ctx.environment}{' (dry run)' if options.dry_run else ''}"
        )
        scale_down(ctx, service, options)
        kept_images = remove_task_definitions(ctx, service, options)
        remove_images(ctx, service, kept_images, options)
    if options.all_services:
        ctx.console.step("frontend")
        empty_frontend_bucket(ctx, options)
        ctx.console.step("Terraform-managed resources are left to Terraform; to remove the environment run:")
        ctx.console.raw(f"    terraform -chdir=infra/terraform/environments/{ctx.environment} destroy")
        ctx.console.raw(
            f"(ECR repositories still hold the newest {options.keep} image(s) per service; "
            "Terraform deletes them only with force_delete on the repositories.)"
        )
