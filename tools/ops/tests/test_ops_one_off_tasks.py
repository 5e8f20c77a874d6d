"""`migrate` and `seed-demo`: one-off Fargate tasks, their logs and their exit codes.

moto runs no containers: its tasks step RUNNING -> ... -> STOPPED on successive describe_tasks calls and
always report exit code 0. A `FakeContainer` hook on the boto3 session (ops_harness) plays the
container's part. All AWS calls still go to moto.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from ops_harness import (
    ENV,
    CliRun,
    Environment,
    FakeClock,
    FakeContainer,
    client,
    parameter,
    publish_task_definition,
    put_image,
    register_migrate_task_definition,
    register_task_definition,
    repository_url,
)

from tcm_ops.one_off_task import task_outcome


def test_migrate_runs_a_one_off_task_streams_logs_and_succeeds(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    container = FakeContainer(lines=["applying 0001_initial", "applying 0002_suites", "migrations done"])
    clock = FakeClock()

    result = run_cli("migrate", session_factory=container.session, clock=clock)

    assert result.code == 0, result.output
    [request] = container.run_task_requests
    # Terraform's migrate revision (the schema owner's password) with the image the REST service runs.
    assert request["taskDefinition"] == parameter(f"/tcm/{ENV}/task-definitions/migrate")
    migrate = client("ecs").describe_task_definition(taskDefinition=request["taskDefinition"])["taskDefinition"]
    assert migrate["family"] == f"tcm-{ENV}-migrate"
    assert migrate["containerDefinitions"][0]["image"] == f"{repository_url('rest')}:0.1.0"
    assert request["launchType"] == "FARGATE"
    assert request["networkConfiguration"]["awsvpcConfiguration"] == {
        "subnets": environment.subnet_ids,
        "securityGroups": [environment.security_groups["rest"]],
        "assignPublicIp": "DISABLED",
    }
    assert request["overrides"]["containerOverrides"] == [
        {
            "name": "migrate",
            "command": ["migrate"],
            "environment": [{"name": "PEX_MODULE", "value": "tcm_common.cli"}],
        }
    ]
    for line in container.lines:
        assert f"| {line}" in result.output
    assert "... migrate task: " in result.output  # progress while waiting
    assert "migrate succeeded: container migrate exited with code 0" in result.output
    # The task really stopped in moto.
    [task_arn] = client("ecs").list_tasks(cluster=f"tcm-{ENV}")["taskArns"]
    task = client("ecs").describe_tasks(cluster=f"tcm-{ENV}", tasks=[task_arn])["tasks"][0]
    assert task["lastStatus"] == "STOPPED"
    assert clock.sleeps  # it waited between polls


@pytest.mark.usefixtures("environment")
def test_migrate_reports_a_failing_task_as_a_failure(
    run_cli: Callable[..., CliRun]
) -> None:
    container = FakeContainer(lines=["applying 0002_suites", "ERROR: relation already exists"], exit_code=1)

    result = run_cli("migrate", session_factory=container.session)

    assert result.code == 1
    assert "| ERROR: relation already exists" in result.output
    assert "migrate FAILED: container migrate exited with code 1" in result.output
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("environment")
def test_a_task_without_exit_code_is_a_failure(
    run_cli: Callable[..., CliRun]
) -> None:
    container = FakeContainer(lines=[], exit_code=None)

    result = run_cli("migrate", session_factory=container.session)

    assert result.code == 1
    assert "migrate FAILED: container migrate has no exit code" in result.output


def test_task_outcome_on_a_stopped_task_described_by_moto(environment: Environment) -> None:
    """The exit-code evaluation, on the describe_tasks answer moto gives for a stopped task."""
    ecs = client("ecs")
    task_arn = ecs.run_task(
        cluster=f"tcm-{ENV}",
        taskDefinition=f"tcm-{ENV}-rest",
        launchType="FARGATE",
        networkConfiguration={
            "awsvpcConfiguration": {
                "subnets": environment.subnet_ids,
                "securityGroups": [environment.security_groups["rest"]],
            }
        },
    )["tasks"][0]["taskArn"]
    ecs.stop_task(cluster=f"tcm-{ENV}", task=task_arn, reason="Essential container in task exited")
    stopped = ecs.describe_tasks(cluster=f"tcm-{ENV}", tasks=[task_arn])["tasks"][0]
    assert stopped["lastStatus"] == "STOPPED"

    assert task_outcome(stopped, "rest").succeeded
    failing = copy.deepcopy(stopped)
    failing["containers"][0]["exitCode"] = 3
    outcome = task_outcome(failing, "rest")
    assert not outcome.succeeded
    assert outcome.exit_code == 3
    assert "Essential container in task exited" in outcome.detail
    assert not task_outcome(stopped, "graphql").succeeded


@pytest.mark.usefixtures("environment")
def test_seed_demo_runs_the_seed_command(run_cli: Callable[..., CliRun]) -> None:
    container = FakeContainer(lines=["seeded 3 suites"])

    result = run_cli("seed-demo", session_factory=container.session)

    assert result.code == 0, result.output
    [request] = container.run_task_requests
    assert request["overrides"]["containerOverrides"][0]["command"] == ["seed-demo"]
    assert "| seeded 3 suites" in result.output


def test_seed_demo_is_refused_for_production(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    environment.write_outputs(environment="production")
    container = FakeContainer(lines=[])

    result = run_cli("seed-demo", env="production", session_factory=container.session)

    assert result.code == 3
    assert "seed-demo is refused for production" in result.output
    assert container.run_task_requests == []
    assert client("ecs").list_tasks(cluster=f"tcm-{ENV}")["taskArns"] == []


@pytest.mark.usefixtures("environment")
def test_seed_demo_is_refused_when_the_task_definition_says_production(
    run_cli: Callable[..., CliRun]
) -> None:
    arn = register_task_definition("rest", "0.1.0")
    ecs = client("ecs")
    definition = ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
    containers = definition["containerDefinitions"]
    containers[0]["environment"] = [{"name": "TCM_ENVIRONMENT", "value": "production"}]
    production_like = ecs.register_task_definition(
        family=definition["family"],
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu=definition["cpu"],
        memory=definition["memory"],
        containerDefinitions=containers,
    )["taskDefinition"]["taskDefinitionArn"]
    ecs.update_service(cluster=f"tcm-{ENV}", service=f"tcm-{ENV}-rest", taskDefinition=production_like)
    container = FakeContainer(lines=[])

    result = run_cli("seed-demo", session_factory=container.session)

    assert result.code == 3
    assert "TCM_ENVIRONMENT=production" in result.output
    assert container.run_task_requests == []


def test_outputs_of_another_environment_are_rejected(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    environment.write_outputs(environment="production")

    result = run_cli("migrate")

    assert result.code == 1
    assert "--env development but the Terraform outputs describe 'production'" in result.output


@pytest.mark.usefixtures("environment")
def test_migrate_follows_the_released_image_on_terraforms_latest_migrate_revision(
    run_cli: Callable[..., CliRun]
) -> None:
    # A release of rest moved it to 0.2.0; Terraform has since registered a new migrate revision.
    put_image("rest", "0.2.0")
    ecs = client("ecs")
    ecs.update_service(
        cluster=f"tcm-{ENV}", service=f"tcm-{ENV}-rest", taskDefinition=register_task_definition("rest", "0.2.0")
    )
    terraform_revision = register_migrate_task_definition("0.1.0")
    publish_task_definition("migrate", terraform_revision)
    container = FakeContainer(lines=["migrations up to date"])

    result = run_cli("migrate", session_factory=container.session)

    assert result.code == 0, result.output
    [request] = container.run_task_requests
    assert request["taskDefinition"] not in (terraform_revision, parameter(f"/tcm/{ENV}/task-definitions/rest"))
    used = ecs.describe_task_definition(taskDefinition=request["taskDefinition"], include=["TAGS"])
    assert used["taskDefinition"]["family"] == f"tcm-{ENV}-migrate"
    assert used["taskDefinition"]["containerDefinitions"][0]["image"] == f"{repository_url('rest')}:0.2.0"
    # Everything else is Terraform's: the owner's secrets included.
    terraform = ecs.describe_task_definition(taskDefinition=terraform_revision)["taskDefinition"]
    secrets = used["taskDefinition"]["containerDefinitions"][0]["secrets"]
    assert secrets == terraform["containerDefinitions"][0]["secrets"]
    assert {"key": "tcm:created-by", "value": "tcm-ops"} in used["tags"]
