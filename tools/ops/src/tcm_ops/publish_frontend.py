"""`publish-frontend`: build the SPA, upload it, make the new index live, then remove stale files.

Order, so that no visitor ever gets an index that references a missing file:
1. `npm ci && npm run build` in frontend/ (skipped with --skip-build).
2. Upload hashed assets and other files, then `index.html` last.
3. One CloudFront invalidation of `/*`, waited for: from then on every edge serves the new index.
4. Only then delete the bucket's objects that are not part of this build (unless --keep-stale).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from tcm_ops.context import OpsContext
from tcm_ops.errors import OpsError
from tcm_ops.frontend_files import plan_upload
from tcm_ops.polling import Done, Pending, wait_for

BUILD_COMMANDS = (("npm", "ci"), ("npm", "run", "build"))


@dataclass(frozen=True)
class PublishOptions:
    frontend_dir: Path
    dist_dir: Path
    skip_build: bool
    keep_stale: bool
    timeout_seconds: float


def build_frontend(ctx: OpsContext, frontend_dir: Path) -> None:
    if not (frontend_dir / "package.json").is_file():
        raise OpsError(f"{frontend_dir} has no package.json")
    for command in BUILD_COMMANDS:
        ctx.console.info(f"$ {' '.join(command)}")
        result = ctx.runner.run(command, cwd=frontend_dir)
        if result.returncode != 0:
            raise OpsError(f"`{' '.join(command)}` failed in {frontend_dir} (exit {result.returncode})")


def run_publish_frontend(ctx: OpsContext, options: PublishOptions) -> None:
    console = ctx.console
    if not options.skip_build:
        console.step(f"building the SPA in {options.frontend_dir}")
        build_frontend(ctx, options.frontend_dir)
    files = plan_upload(options.dist_dir)

    outputs = ctx.outputs()
    s3 = ctx.aws().s3
    bucket = outputs.frontend_bucket_name
    existing: set[str] = set()
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        existing.update(obj["Key"] for obj in page.get("Contents", []))

    console.step(f"uploading {len(files)} files to s3://{bucket} (index.html last)")
    for item in files:
        s3.upload_file(
            str(item.path),
            bucket,
            item.key,
            ExtraArgs={"ContentType": item.content_type, "CacheControl": item.cache_control},
        )
        console.info(f"{item.key}  [{item.content_type}; {item.cache_control}]")

    distribution = outputs.cloudfront_distribution_id
    console.step(f"invalidating CloudFront distribution {distribution}")
    invalidation = ctx.aws().cloudfront.create_invalidation(
        DistributionId=distribution,
        InvalidationBatch={
            "Paths": {"Quantity": 1, "Items": ["/*"]},
            "CallerReference": f"tcm-ops-{time.time_ns()}",
        },
    )["Invalidation"]
    invalidation_id = invalidation["Id"]

    def check() -> Pending | Done[None]:
        status = ctx.aws().cloudfront.get_invalidation(DistributionId=distribution, Id=invalidation_id)
        state = status["Invalidation"]["Status"]
        return Done(None) if state.lower() == "completed" else Pending(state)

    wait_for(
        check,
        what=f"invalidation {invalidation_id}",
        timeout_seconds=options.timeout_seconds,
        interval_seconds=ctx.poll_interval_seconds,
        console=console,
        clock=ctx.clock,
    )
    console.info(f"invalidation {invalidation_id} completed: the new index is live")

    stale = sorted(existing - {f.key for f in files})
    if options.keep_stale:
        console.step(f"keeping {len(stale)} stale files (--keep-stale)")
    elif stale:
        console.step(f"deleting {len(stale)} stale files")
        for start in range(0, len(stale), 1000):
            chunk = stale[start : start + 1000]
            result = s3.delete_objects(
                Bucket=bucket, Delete={"Objects": [{"Key": k} for k in chunk], "Quiet": True}
            )
            if result.get("Errors"):
                errors = ", ".join(f"{e.get('Key')}: {e.get('Message')}" for e in result["Errors"])
                raise OpsError(f"deleting stale files failed: {errors}")
        for key in stale:
            console.info(f"deleted {key}")
    console.step(f"published {len(files)} files to {outputs.public_base_url}")
