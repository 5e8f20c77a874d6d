"""`bootstrap`: the first deploy in order against moto, stopping where Terraform has to run and resuming.

Local processes (docker, ./pants, npm) are the FakeRunner; one-off tasks are played by FakeContainer; the
network probes of the final verification answer healthy (the verify tests probe real local servers)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import boto3
import pytest
from ops_harness import (
    ACCOUNT,
    ENV,
    SERVICES,
    CallRecorder,
    CliRun,
    Environment,
    FakeContainer,
    FakeRunner,
    client,
    create_load_balancer,
    parameter,
    publish_task_definition,
    put_image,
    register_migrate_task_definition,
    register_task_definition,
    repository_url,
)

from tcm_ops.probes import ProbeResult
from tcm_ops.process import CommandResult

PROGRESS = f"/tcm/{ENV}/bootstrap/completed"


class HealthyProbes:
    def __init__(self) -> None:
        self.urls: list[str] = []

    def http_get(self, url: str, *, expect_html: bool = False) -> ProbeResult:
        self.urls.append(url)
        return ProbeResult(True, "HTTP 200 text/html" if expect_html else "HTTP 200 application/json")

    def grpc_health(self, endpoint: str, *, plaintext: bool) -> ProbeResult:  # noqa: ARG002 keyword-only in the probe interface
        self.urls.append(endpoint)
        return ProbeResult(True, "SERVING")


def bootstrap_runner(frontend: Path) -> FakeRunner:
    runner = FakeRunner()
    runner.on(["docker", "info"], CommandResult(0, "28.2.2\n"))

    def package(args: list[str], _env: Mapping[str, str], _stdin: str | None) -> CommandResult:
        return CommandResult(0, f"Docker image ID: sha256:{args[-1].split('/')[1].split(':')[0]}\n")

    def push(args: list[str], _env: Mapping[str, str], _stdin: str | None) -> CommandResult:
        svc, tag = args[2].split("/tcm/")[1].split(":")
        put_image(svc, tag)
        return CommandResult(0, "pushed\n")

    def build(_args: list[str], _env: Mapping[str, str], _stdin: str | None) -> CommandResult:
        (frontend / "dist" / "assets").mkdir(parents=True, exist_ok=True)
        (frontend / "dist" / "index.html").write_text("<!doctype html>")
        (frontend / "dist" / "assets" / "index-B7xq2LmZ.js").write_text("app")
        return CommandResult(0, "built\n")

    runner.on(["./pants", "--no-pantsd", "package"], package)
    runner.on(["docker", "tag"], CommandResult(0, ""))
    runner.on(["docker", "login"], CommandResult(0, "Login Succeeded\n"))
    runner.on(["docker", "push"], push)
    runner.on(["npm", "ci"], CommandResult(0, "added\n"))
    runner.on(["npm", "run", "build"], build)
    return runner


@pytest.fixture
def first_deploy(environment: Environment) -> Environment:
    """Versions not pushed yet (0.2.0); Terraform's revisions name them (the full apply with those image
    tags creates the services on them); targets registered for verification; a frontend folder."""
    ecs = client("ecs")
    for svc in SERVICES:
        (environment.repo_root / "services" / svc / "VERSION").write_text("0.2.0\n")
        revision = register_task_definition(svc, "0.2.0")
        publish_task_definition(svc, revision)
        ecs.update_service(cluster=f"tcm-{ENV}", service=f"tcm-{ENV}-{svc}", taskDefinition=revision)
    publish_task_definition("migrate", register_migrate_task_definition("0.2.0"))
    (environment.repo_root / "frontend").mkdir()
    (environment.repo_root / "frontend" / "package.json").write_text('{"name": "tcm-frontend"}')
    create_load_balancer(environment)
    return environment


def partial_outputs(environment: Environment) -> Path:
    """What `terraform output -json` gives after `apply -target=module.platform.module.ecr`."""
    path = environment.outputs_path.with_name("partial.json")
    keep = ("environment", "aws_region", "ecr_repository_urls")
    path.write_text(json.dumps({name: {"value": environment.outputs[name]} for name in keep}))
    return path


def image_builds(runner: FakeRunner) -> list[list[str]]:
    return [call for call in runner.calls if call[:2] == ["./pants", "--no-pantsd"]]


def test_bootstrap_stops_where_terraform_must_run_and_resumes(
    first_deploy: Environment, run_cli: Callable[..., CliRun]
) -> None:
    runner = bootstrap_runner(first_deploy.repo_root / "frontend")
    probes = HealthyProbes()

    stopped = run_cli("bootstrap", runner=runner, outputs=partial_outputs(first_deploy), probes=probes)

    assert stopped.code == 1
    assert "[1/8] Terraform state and ECR repositories" in stopped.output
    assert "[2/8] images of every service" in stopped.output
    assert len(image_builds(runner)) == 3
    for svc in SERVICES:
        tags = [t for i in client("ecr").describe_images(repositoryName=f"tcm/{svc}")["imageDetails"]
                for t in i.get("imageTags", [])]  # fmt: skip
        assert "0.2.0" in tags
    assert "the environment is not applied yet" in stopped.output
    assert "apply -var rest_image_tag=0.2.0 -var graphql_image_tag=0.2.0 -var grpc_image_tag=0.2.0" in stopped.output
    assert client("ecs").list_tasks(cluster=f"tcm-{ENV}")["taskArns"] == []  # nothing ran yet

    # After the full apply: images are not built again, and everything else runs in order.
    recorder = CallRecorder()
    container = FakeContainer(lines=["done"])

    def session() -> boto3.Session:
        s = container.session()
        s.events.register("before-parameter-build", recorder)
        return s

    done = run_cli("bootstrap", runner=runner, session_factory=session, probes=probes)

    assert done.code == 0, done.output
    assert len(image_builds(runner)) == 3
    assert "already pushed" in done.output
    families = [r["taskDefinition"] for r in container.run_task_requests]
    commands = [r["overrides"]["containerOverrides"][0]["command"] for r in container.run_task_requests]
    assert commands == [["migrate"], ["seed-demo"]]
    assert f"tcm-{ENV}-migrate" in families[0]
    operations = [op for _, op, _ in recorder.calls if op in ("RunTask", "UpdateService", "CreateInvalidation")]
    assert operations == ["RunTask", "UpdateService", "UpdateService", "UpdateService", "RunTask", "CreateInvalidation"]
    keys = client("s3").list_objects_v2(Bucket=f"tcm-{ENV}-frontend-{ACCOUNT}")["Contents"]
    assert "index.html" in {k["Key"] for k in keys}
    assert json.loads(parameter(PROGRESS)) == ["migrations", "services", "demo-data", "frontend"]
    ecs = client("ecs")
    for svc in SERVICES:
        service = ecs.describe_services(cluster=f"tcm-{ENV}", services=[f"tcm-{ENV}-{svc}"])["services"][0]
        assert service["taskDefinition"] == parameter(f"/tcm/{ENV}/task-definitions/{svc}")
        definition = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
        assert definition["containerDefinitions"][0]["image"] == f"{repository_url(svc)}:0.2.0"
    migrate = ecs.describe_task_definition(taskDefinition=families[0])["taskDefinition"]
    assert migrate["containerDefinitions"][0]["image"] == f"{repository_url('rest')}:0.2.0"
    for number in range(1, 9):
        assert f"[{number}/8]" in done.output
    assert "all 9 checks passed" in done.output
    assert f"bootstrap of {ENV} complete" in done.output


def test_bootstrap_resumes_after_a_failed_migration(
    first_deploy: Environment, run_cli: Callable[..., CliRun]
) -> None:
    runner = bootstrap_runner(first_deploy.repo_root / "frontend")
    failing = FakeContainer(lines=["FATAL: password authentication failed"], exit_code=1)

    first = run_cli("bootstrap", runner=runner, session_factory=failing.session, probes=HealthyProbes())

    assert first.code == 1
    assert "migrate FAILED" in first.output
    assert "| FATAL: password authentication failed" in first.output
    assert client("ssm").describe_parameters(
        ParameterFilters=[{"Key": "Name", "Values": [PROGRESS]}]
    )["Parameters"] == []

    working = FakeContainer(lines=["migrations up to date"])
    second = run_cli("bootstrap", runner=runner, session_factory=working.session, probes=HealthyProbes())

    assert second.code == 0, second.output
    assert len(image_builds(runner)) == 3  # built once, in the first run
    assert [r["overrides"]["containerOverrides"][0]["command"] for r in working.run_task_requests] == [
        ["migrate"],
        ["seed-demo"],
    ]

    third_container = FakeContainer(lines=[])
    third = run_cli("bootstrap", runner=runner, session_factory=third_container.session, probes=HealthyProbes())

    assert third.code == 0, third.output
    assert third.output.count("done earlier, skipped") == 4
    assert third_container.run_task_requests == []


@pytest.mark.usefixtures("environment")
def test_bootstrap_without_terraform_outputs_prints_the_first_terraform_steps(
    run_cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    result = run_cli("bootstrap", outputs=tmp_path / "absent.json", probes=HealthyProbes())

    assert result.code == 1
    assert "cd infra/terraform/bootstrap && terraform init && terraform apply" in result.output
    assert "init -backend-config=backend.hcl" in result.output
    assert "apply -target=module.platform.module.ecr" in result.output
    assert "Traceback" not in result.output


def test_bootstrap_never_seeds_production(
    first_deploy: Environment, run_cli: Callable[..., CliRun]
) -> None:
    # The same moto resources, described as production (what Terraform publishes under /tcm/production).
    first_deploy.write_outputs(environment="production")
    ssm = client("ssm")
    for name in (*SERVICES, "migrate"):
        value = parameter(f"/tcm/{ENV}/task-definitions/{name}")
        ssm.put_parameter(Name=f"/tcm/production/task-definitions/{name}", Value=value, Type="SecureString")
    ssm.put_parameter(Name="/tcm/production/jwt/public-keys", Value="{}", Type="SecureString")
    container = FakeContainer(lines=[])

    result = run_cli(
        "bootstrap",
        env="production",
        runner=bootstrap_runner(first_deploy.repo_root / "frontend"),
        session_factory=container.session,
        probes=HealthyProbes(),
    )

    assert "[6/8] demo data (development only)" in result.output
    assert "skipped: demo data never goes to production" in result.output
    assert [r["overrides"]["containerOverrides"][0]["command"] for r in container.run_task_requests] == [["migrate"]]
    assert "[8/8] verification" in result.output
    assert json.loads(parameter("/tcm/production/bootstrap/completed")) == ["migrations", "services", "frontend"]
