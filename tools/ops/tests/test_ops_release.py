"""`release`: one service's image and task definition change; nothing else does."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import boto3
import pytest
from ops_harness import (
    ENV,
    SERVICES,
    CallRecorder,
    CliRun,
    Environment,
    FakeRunner,
    client,
    publish_task_definition,
    put_image,
    recording_session,
    repository_url,
)

from tcm_ops.process import CommandResult


def ecs_state() -> dict[str, Any]:
    """Per service: the task definition the service runs, its images, and every revision of its family."""
    ecs = client("ecs")
    state: dict[str, Any] = {}
    for svc in SERVICES:
        service = ecs.describe_services(cluster=f"tcm-{ENV}", services=[f"tcm-{ENV}-{svc}"])["services"][0]
        definition = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
        state[svc] = {
            "taskDefinition": service["taskDefinition"],
            "containers": definition["containerDefinitions"],
            "revisions": ecs.list_task_definitions(familyPrefix=f"tcm-{ENV}-{svc}")["taskDefinitionArns"],
            "tags": sorted(
                t for i in client("ecr").describe_images(repositoryName=f"tcm/{svc}")["imageDetails"]
                for t in i.get("imageTags", [])
            ),
        }  # fmt: skip
    return state


def release_runner(*, contract_exit: int = 0) -> FakeRunner:
    """Docker engine present; `docker push` lands the image in (moto's) ECR, as a registry push would."""
    runner = FakeRunner()
    runner.on(["docker", "info"], CommandResult(0, "28.2.2\n"))
    runner.on(["./pants", "test"], CommandResult(contract_exit, "tests done\n"))

    def package(args: list[str], env: Mapping[str, str], _stdin: str | None) -> CommandResult:
        version = env["SERVICE_VERSION"]
        svc = args[-1].split("/")[1].split(":")[0]
        return CommandResult(
            0, f"Built docker image: tcm/{svc}:{version}\nDocker image ID: sha256:feedbeef\n"
        )

    def push(args: list[str], _env: Mapping[str, str], _stdin: str | None) -> CommandResult:
        remote = args[2]
        svc, tag = remote.split("/tcm/")[1].split(":")
        put_image(svc, tag)
        return CommandResult(0, f"{tag}: digest: sha256:... size: 1234\n")

    runner.on(["./pants", "--no-pantsd", "package"], package)
    runner.on(["docker", "tag"], CommandResult(0, ""))
    runner.on(["docker", "login"], CommandResult(0, "Login Succeeded\n"))
    runner.on(["docker", "push"], push)
    return runner


def bump(environment: Environment, service: str, version: str) -> None:
    (environment.repo_root / "services" / service / "VERSION").write_text(version + "\n")


def test_release_changes_exactly_one_services_task_definition_and_image(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    before = ecs_state()
    bump(environment, "rest", "0.2.0")
    runner = release_runner()

    result = run_cli("release", "rest", runner=runner)

    assert result.code == 0, result.output
    after = ecs_state()
    rest_before, rest_after = before["rest"], after["rest"]
    assert rest_after["taskDefinition"].endswith(f"task-definition/tcm-{ENV}-rest:2")
    assert len(rest_after["revisions"]) == 2
    assert rest_after["tags"] == ["0.1.0", "0.2.0"]
    # Only the service container's image changed; the sidecar and everything else are as they were.
    expected = [dict(c) for c in rest_before["containers"]]
    expected[0]["image"] = f"{repository_url('rest')}:0.2.0"
    assert rest_after["containers"] == expected
    for other in ("graphql", "grpc"):
        assert after[other] == before[other]
    # Built with Pants, with the version, then pushed under the immutable version tag.
    package_call = runner.calls.index(["./pants", "--no-pantsd", "package", "services/rest:image"])
    assert runner.envs[package_call] == {"SERVICE_VERSION": "0.2.0"}
    assert ["docker", "tag", "sha256:feedbeef", f"{repository_url('rest')}:0.2.0"] in runner.calls
    assert ["docker", "push", f"{repository_url('rest')}:0.2.0"] in runner.calls
    assert "released rest 0.2.0" in result.output


def test_release_tags_the_new_revision_and_updates_only_that_service(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    bump(environment, "graphql", "1.0.0")
    recorder = CallRecorder()

    result = run_cli(
        "release", "graphql", runner=release_runner(), session_factory=lambda: recording_session(recorder)
    )

    assert result.code == 0, result.output
    updates = [params for svc, op, params in recorder.calls if op == "UpdateService"]
    assert updates == [{"cluster": f"tcm-{ENV}", "service": f"tcm-{ENV}-graphql",
                        "taskDefinition": updates[0]["taskDefinition"], "forceNewDeployment": True}]  # fmt: skip
    described = client("ecs").describe_task_definition(
        taskDefinition=f"tcm-{ENV}-graphql:2", include=["TAGS"]
    )
    assert {"key": "tcm:created-by", "value": "tcm-ops"} in described["tags"]


def test_release_without_a_docker_engine_stops_before_any_aws_call(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    bump(environment, "rest", "0.2.0")
    before = ecs_state()
    runner = FakeRunner()
    runner.on(
        ["docker", "info"],
        CommandResult(1, "", "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n"),
    )
    sessions: list[boto3.Session] = []
    recorder = CallRecorder()

    def session_factory() -> boto3.Session:
        sessions.append(recording_session(recorder))
        return sessions[-1]

    result = run_cli("release", "rest", runner=runner, session_factory=session_factory)

    assert result.code == 1
    assert "needs a running Docker engine" in result.output
    assert "Cannot connect to the Docker daemon" in result.output
    assert "no AWS call was made" in result.output
    assert "Traceback" not in result.output
    assert runner.calls == [["docker", "info", "--format", "{{.ServerVersion}}"]]
    assert sessions == []
    assert recorder.calls == []
    assert ecs_state() == before


def test_release_without_the_docker_cli_says_what_is_missing(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    bump(environment, "rest", "0.2.0")
    runner = FakeRunner()
    runner.on(["docker"], CommandResult(127, "", "docker: command not found\n"))

    result = run_cli("release", "rest", runner=runner, session_factory=_no_session)

    assert result.code == 1
    assert "`docker` command was not found" in result.output


def _no_session() -> boto3.Session:
    raise AssertionError("no AWS session may be created")


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("0.1.0", "already in ECR"),
        ("0.0.9", "not newer than the highest released version 0.1.0"),
        ("1.0", "not a semantic version"),
    ],
)
def test_release_refuses_a_version_that_was_not_bumped(
    environment: Environment, run_cli: Callable[..., CliRun], version: str, message: str
) -> None:
    bump(environment, "rest", version)
    before = ecs_state()
    runner = release_runner()

    result = run_cli("release", "rest", runner=runner)

    assert result.code == 1
    assert message in result.output
    assert not any("package" in call for call in runner.calls)
    assert ecs_state() == before


def test_release_version_option_must_match_the_version_file(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    bump(environment, "rest", "0.2.0")

    result = run_cli(
        "release", "rest", "--version", "0.3.0", runner=release_runner(), session_factory=_no_session
    )

    assert result.code == 1
    assert "does not match services/rest/VERSION (0.2.0)" in result.output


def test_release_stops_when_contract_checks_fail(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    bump(environment, "grpc", "0.2.0")
    before = ecs_state()
    runner = release_runner(contract_exit=1)

    result = run_cli("release", "grpc", runner=runner)

    assert result.code == 1
    assert "contract checks of grpc failed" in result.output
    assert ["./pants", "test", "services/grpc::", "libs/contracts::"] in runner.calls
    assert not any("package" in call for call in runner.calls)
    assert ecs_state() == before


def test_release_reports_a_circuit_breaker_rollback(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    """moto never fails a deployment, so ECS's answer is shaped here the way ECS reports a circuit
    breaker rollback: our deployment FAILED and a new PRIMARY deployment of the previous revision."""
    bump(environment, "rest", "0.2.0")
    previous = client("ecs").describe_services(cluster=f"tcm-{ENV}", services=[f"tcm-{ENV}-rest"])[
        "services"
    ][0]

    def circuit_breaker(parsed: dict[str, Any], **_: Any) -> None:
        for service in parsed.get("services", []):
            ours = dict(
                service["deployments"][0],
                status="ACTIVE",
                rolloutState="FAILED",
                rolloutStateReason="ECS deployment circuit breaker: tasks failed to start.",
            )
            rollback = dict(ours, id="ecs-svc/rollback", status="PRIMARY", rolloutState="IN_PROGRESS",
                            taskDefinition=previous["taskDefinition"])  # fmt: skip
            service["deployments"] = [rollback, ours]
            service["taskDefinition"] = previous["taskDefinition"]

    def session_factory() -> boto3.Session:
        session = boto3.Session()
        session.events.register("after-call.ecs.DescribeServices", circuit_breaker)
        return session

    result = run_cli("release", "rest", runner=release_runner(), session_factory=session_factory)

    assert result.code == 1
    assert "ROLLED BACK" in result.output
    assert "circuit breaker" in result.output
    assert previous["taskDefinition"] in result.output


def terraform_changes_rest(**sizes: str) -> str:
    """What `terraform apply` does after a change to modules/platform: registers a new revision of the family
    (here a new setting and more memory) and publishes it; the ECS service ignores it until tcm-ops rolls."""
    ecs = client("ecs")
    base = ecs.describe_task_definition(taskDefinition=f"tcm-{ENV}-rest:1")["taskDefinition"]
    containers = base["containerDefinitions"]
    containers[0]["environment"] = [*containers[0]["environment"], {"name": "TCM_NEW_SETTING", "value": "on"}]
    changed = ecs.register_task_definition(
        family=base["family"],
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu=sizes.get("cpu", base["cpu"]),
        memory=sizes.get("memory", base["memory"]),
        executionRoleArn=base["executionRoleArn"],
        taskRoleArn=base["taskRoleArn"],
        containerDefinitions=containers,
    )["taskDefinition"]["taskDefinitionArn"]
    publish_task_definition("rest", changed)
    return str(changed)


def running_rest() -> dict[str, Any]:
    ecs = client("ecs")
    service = ecs.describe_services(cluster=f"tcm-{ENV}", services=[f"tcm-{ENV}-rest"])["services"][0]
    return dict(ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"])


def test_release_starts_from_terraforms_revision_so_its_changes_reach_the_service(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    terraform_revision = terraform_changes_rest(memory="1024")
    assert running_rest()["revision"] == 1  # applied, not deployed
    bump(environment, "rest", "0.2.0")

    result = run_cli("release", "rest", runner=release_runner())

    assert result.code == 0, result.output
    running = running_rest()
    assert running["taskDefinitionArn"] not in (terraform_revision, f"tcm-{ENV}-rest:1")
    app = running["containerDefinitions"][0]
    assert app["image"] == f"{repository_url('rest')}:0.2.0"  # the release's image...
    assert {"name": "TCM_NEW_SETTING", "value": "on"} in app["environment"]  # ...and Terraform's setting
    assert running["memory"] == "1024"
    terraform = client("ecs").describe_task_definition(taskDefinition=terraform_revision)["taskDefinition"]
    expected = [dict(c) for c in terraform["containerDefinitions"]]
    expected[0]["image"] = f"{repository_url('rest')}:0.2.0"
    assert running["containerDefinitions"] == expected  # nothing else differs from Terraform's revision


@pytest.mark.usefixtures("environment")
def test_deploy_rolls_out_terraforms_revision_with_the_running_image(
    run_cli: Callable[..., CliRun]
) -> None:
    before = ecs_state()
    terraform_revision = terraform_changes_rest()
    recorder = CallRecorder()

    result = run_cli("deploy", "rest", session_factory=lambda: recording_session(recorder))

    assert result.code == 0, result.output
    running = running_rest()
    # The image is the one running (0.1.0), so Terraform's revision itself is deployed.
    assert running["taskDefinitionArn"] == terraform_revision
    assert {"name": "TCM_NEW_SETTING", "value": "on"} in running["containerDefinitions"][0]["environment"]
    updates = [params for _, op, params in recorder.calls if op == "UpdateService"]
    assert updates == [
        {
            "cluster": f"tcm-{ENV}",
            "service": f"tcm-{ENV}-rest",
            "taskDefinition": terraform_revision,
            "forceNewDeployment": True,
        }
    ]
    assert ecs_state()["graphql"] == before["graphql"]


def test_release_without_a_published_revision_says_to_apply_terraform(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    client("ssm").delete_parameter(Name=f"/tcm/{ENV}/task-definitions/rest")
    bump(environment, "rest", "0.2.0")

    result = run_cli("release", "rest", runner=release_runner())

    assert result.code == 1
    assert f"/tcm/{ENV}/task-definitions/rest does not exist" in result.output
    assert "terraform apply" in result.output


def test_deploy_of_an_earlier_version_is_the_rollback(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    bump(environment, "rest", "0.2.0")
    assert run_cli("release", "rest", runner=release_runner()).code == 0
    terraform_changes_rest()

    back = run_cli("deploy", "rest", "--version", "0.1.0")

    assert back.code == 0, back.output
    running = running_rest()
    assert running["containerDefinitions"][0]["image"] == f"{repository_url('rest')}:0.1.0"
    # Still Terraform's current revision underneath: the rollback does not lose its settings.
    assert {"name": "TCM_NEW_SETTING", "value": "on"} in running["containerDefinitions"][0]["environment"]

    unknown = run_cli("deploy", "rest", "--version", "0.0.7")
    assert unknown.code == 1
    assert "tcm/rest:0.0.7 is not in ECR; released versions: 0.1.0, 0.2.0" in unknown.output
