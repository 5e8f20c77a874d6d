"""`bootstrap`: the first deploy of an environment, in the one order that works, resumable.

1. state and repositories (Terraform): the state bucket (infra/terraform/bootstrap), `terraform init`, and
   a targeted apply of the ECR repositories; printed when missing, because the services must not be
   created before their images exist;
2. images: each service's `services/<svc>/VERSION` built and pushed unless ECR has it already;
3. environment (Terraform): the full apply with those versions as image tags; printed when missing;
4. migrations: as the schema owner (tcm-<env>-migrate), which also creates the services' database role;
5. services: every service rolled onto Terraform's revision, so tasks that started before the role
   existed connect now;
6. demo data: development only (production: skipped, never run);
7. frontend: the SPA built, uploaded, CloudFront invalidated;
8. verification: `verify`.

Steps 1-3 are checked against AWS and the Terraform outputs every time; steps 4-7 are recorded in
`/tcm/<env>/bootstrap/completed` when they succeed. A failed step stops the command (exit 1) with what to
do; running it again skips what is done and continues there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tcm_ops.context import OpsContext
from tcm_ops.errors import OpsError
from tcm_ops.images import build_image, push_image, pushed_image_digest, require_docker_engine
from tcm_ops.migrate import run_migrate
from tcm_ops.parameters import prefix, task_definition_parameter
from tcm_ops.probes import Probes
from tcm_ops.publish_frontend import PublishOptions, run_publish_frontend
from tcm_ops.release_version import image_tags, repository_name, resolve_version
from tcm_ops.rollout import deploy
from tcm_ops.seed_demo import run_seed_demo
from tcm_ops.services import MIGRATE_TASK, PRODUCTION, SERVICES
from tcm_ops.verify import VerifyOptions, run_verify

TOTAL_STEPS = 8


@dataclass(frozen=True)
class BootstrapOptions:
    terraform_dir: Path
    frontend_dir: Path
    timeout_seconds: float = 1800
    verify: VerifyOptions = field(default_factory=VerifyOptions)


def _terraform(options: BootstrapOptions, *arguments: str) -> str:
    return " ".join(["terraform", f"-chdir={options.terraform_dir}", *arguments])


class _Progress:
    """The completed steps of 4-7, kept in SSM so that a rerun (from any machine) continues."""

    def __init__(self, ctx: OpsContext) -> None:
        self._params = ctx.aws().parameters
        self._name = f"{prefix(ctx.environment)}/bootstrap/completed"
        self._key_source = f"{prefix(ctx.environment)}/jwt/public-keys"
        stored = self._params.get(self._name)
        self.completed: list[str] = json.loads(stored) if stored else []

    def done(self, step: str) -> None:
        self.completed.append(step)
        self._params.create_secure(self._name, json.dumps(self.completed), self._params.key_id(self._key_source))


def _step(ctx: OpsContext, number: int, title: str) -> None:
    ctx.console.step(f"[{number}/{TOTAL_STEPS}] {title}")


def _repositories(ctx: OpsContext, options: BootstrapOptions) -> dict[str, str]:
    _step(ctx, 1, "Terraform state and ECR repositories")
    try:
        values = ctx.output_values()
    except OpsError as error:
        raise OpsError(
            f"{error.message}\nfirst deploy, Terraform part 1 (see infra/terraform/README.md):\n"
            "  (once per account)  cd infra/terraform/bootstrap && terraform init && terraform apply\n"
            f"  cp backend.hcl.example backend.hcl; {_terraform(options, 'init -backend-config=backend.hcl')}\n"
            f"  {_terraform(options, 'apply -target=module.platform.module.ecr')}\n"
            "then run this command again"
        ) from None
    urls = values.get("ecr_repository_urls")
    if not isinstance(urls, dict) or any(not isinstance(urls.get(svc), str) for svc in SERVICES):
        raise OpsError(
            "the ECR repositories are not applied yet; run\n"
            f"  {_terraform(options, 'apply -target=module.platform.module.ecr')}\n"
            "then run this command again"
        )
    ctx.console.info("state readable, repositories: " + ", ".join(repository_name(urls[s]) for s in SERVICES))
    return {svc: str(urls[svc]) for svc in SERVICES}


def _images(ctx: OpsContext, urls: dict[str, str]) -> dict[str, str]:
    _step(ctx, 2, "images of every service")
    versions = {svc: str(resolve_version(ctx.repo_root, svc, None)) for svc in SERVICES}
    ecr = ctx.aws().ecr
    missing = [svc for svc in SERVICES if versions[svc] not in image_tags(ecr, repository_name(urls[svc]))]
    for svc in SERVICES:
        if svc not in missing:
            ctx.console.info(f"{repository_name(urls[svc])}:{versions[svc]} already pushed")
    if missing:
        require_docker_engine(ctx.runner, ctx.repo_root)
    for svc in missing:
        version = resolve_version(ctx.repo_root, svc, None)
        ctx.console.info(f"building and pushing {svc} {version}")
        image_id = build_image(ctx.runner, ctx.console, ctx.repo_root, svc, version)
        push_image(ctx.runner, ctx.console, ecr, ctx.repo_root, image_id, urls[svc], version)
        pushed_image_digest(ecr, repository_name(urls[svc]), version)
    return versions


def _environment_applied(ctx: OpsContext, options: BootstrapOptions, versions: dict[str, str]) -> None:
    _step(ctx, 3, "the environment (Terraform)")
    tags = " ".join(f'-var {svc}_image_tag={versions[svc]}' for svc in SERVICES)
    instructions = (
        f"run the full apply with the pushed versions as image tags (or set them in terraform.tfvars):\n"
        f"  {_terraform(options, f'apply {tags}')}\n"
        "then run this command again"
    )
    ctx.forget_outputs()
    try:
        outputs = ctx.outputs()
    except OpsError as error:
        raise OpsError(f"the environment is not applied yet ({error.message});\n{instructions}") from None
    params = ctx.aws().parameters
    missing = [
        name
        for name in (*SERVICES, MIGRATE_TASK)
        if params.get(task_definition_parameter(ctx.environment, name)) is None
    ]
    if missing:
        raise OpsError(f"Terraform has not published the task definitions of {', '.join(missing)};\n{instructions}")
    ctx.console.info(f"cluster {outputs.cluster_name}, site {outputs.public_base_url}")


def run_bootstrap(ctx: OpsContext, probes: Probes, options: BootstrapOptions) -> None:
    ctx.console.step(
        f"bootstrap {ctx.environment}: the first deploy; steps already done are skipped, so after a "
        "failure fix the cause and run the same command again"
    )
    urls = _repositories(ctx, options)
    versions = _images(ctx, urls)
    _environment_applied(ctx, options, versions)

    def migrate() -> None:
        run_migrate(ctx, timeout_seconds=options.timeout_seconds)

    def roll_services() -> None:
        for service in SERVICES:
            deploy(ctx, service, timeout_seconds=options.timeout_seconds, why="first deploy")

    def seed() -> None:
        run_seed_demo(ctx, timeout_seconds=options.timeout_seconds)

    def frontend() -> None:
        dist = options.frontend_dir / "dist"
        run_publish_frontend(ctx, PublishOptions(options.frontend_dir, dist, False, False, options.timeout_seconds))

    progress = _Progress(ctx)
    tracked: list[tuple[int, str, str, Callable[[], None]]] = [
        (4, "migrations", "database migrations and the services' role", migrate),
        (5, "services", "services rolled onto Terraform's revisions", roll_services),
        (6, "demo-data", "demo data (development only)", seed),
        (7, "frontend", "the web app", frontend),
    ]
    for number, name, title, action in tracked:
        _step(ctx, number, title)
        if name in progress.completed:
            ctx.console.info("done earlier, skipped")
            continue
        if name == "demo-data" and ctx.environment == PRODUCTION:
            ctx.console.info("skipped: demo data never goes to production")
            continue
        action()
        progress.done(name)

    _step(ctx, 8, "verification")
    run_verify(ctx, probes, options.verify)
    ctx.console.step(f"bootstrap of {ctx.environment} complete")
