"""`migrate` and `seed-demo`: one-off Fargate tasks, their logs and their exit codes.

moto runs no containers: its tasks step RUNNING -> ... -> STOPPED on successive describe_tasks calls and
always report exit code 0. A `FakeContainer` hook on the boto3 session plays the container's part: when
the task is started it writes the container's log lines to CloudWatch (moto), and for a failing
container it reports the exit code ECS would on the STOPPED task. All AWS calls still go to moto.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import Any

import boto3
from ops_harness import ENV, CliRun, Environment, FakeClock, client, register_task_definition

from tcm_ops.one_off_task import task_outcome


class FakeContainer:
    def __init__(self, *, lines: list[str], exit_code: int | None = 0) -> None:
        self.lines = lines
        self.exit_code = exit_code
        self.run_task_requests: list[dict[str, Any]] = []

    def session(self) -> boto3.Session:
        session = boto3.Session()
        session.events.register("before-parameter-build.ecs.RunTask", self._record)
        session.events.register("after-call.ecs.RunTask", self._started)
        session.events.register("after-call.ecs.DescribeTasks", self._exit_code)
        return session

    def _record(self, params: dict[str, Any], **_: Any) -> None:
        self.run_task_requests.append(copy.deepcopy(params))

    def _started(self, parsed: dict[str, Any], **_: Any) -> None:
        if not self.lines:
            return  # a container that never started has no log stream
        logs = client("logs")
        now = int(time.time() * 1000)
        for task in parsed.get("tasks", []):
            stream = f"rest/rest/{task['taskArn'].rsplit('/', 1)[-1]}"
            logs.create_log_stream(logGroupName=f"/ecs/tcm-{ENV}/rest", logStreamName=stream)
            logs.put_log_events(
                logGroupName=f"/ecs/tcm-{ENV}/rest",
                logStreamName=stream,
                logEvents=[{"timestamp": now + i, "message": line} for i, line in enumerate(self.lines)],
            )

    def _exit_code(self, parsed: dict[str, Any], **_: Any) -> None:
        for task in parsed.get("tasks", []):
            if task.get("lastStatus") == "STOPPED":
                for container in task.get("containers", []):
                    if self.exit_code is None:
                        container.pop("exitCode", None)
                    else:
                        container["exitCode"] = self.exit_code


def test_migrate_runs_a_one_off_task_streams_logs_and_succeeds(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    container = FakeContainer(lines=["applying 0001_initial", "applying 0002_suites", "migrations done"])
    clock = FakeClock()

    result = run_cli("migrate", session_factory=container.session, clock=clock)

    assert result.code == 0, result.output
    [request] = container.run_task_requests
    rest_service = client("ecs").describe_services(cluster=f"tcm-{ENV}", services=[f"tcm-{ENV}-rest"])[
        "services"
    ][0]
    assert request["taskDefinition"] == rest_service["taskDefinition"]
    assert request["launchType"] == "FARGATE"
    assert request["networkConfiguration"]["awsvpcConfiguration"] == {
        "subnets": environment.subnet_ids,
        "securityGroups": [environment.security_groups["rest"]],
        "assignPublicIp": "DISABLED",
    }
    assert request["overrides"]["containerOverrides"] == [
        {
            "name": "rest",
            "command": ["migrate"],
            "environment": [{"name": "PEX_MODULE", "value": "tcm_common.cli"}],
        }
    ]
    for line in container.lines:
        assert f"| {line}" in result.output
    assert "... migrate task: " in result.output  # progress while waiting
    assert "migrate succeeded: container rest exited with code 0" in result.output
    # The task really stopped in moto.
    [task_arn] = client("ecs").list_tasks(cluster=f"tcm-{ENV}")["taskArns"]
    task = client("ecs").describe_tasks(cluster=f"tcm-{ENV}", tasks=[task_arn])["tasks"][0]
    assert task["lastStatus"] == "STOPPED"
    assert clock.sleeps  # it waited between polls


def test_migrate_reports_a_failing_task_as_a_failure(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    container = FakeContainer(lines=["applying 0002_suites", "ERROR: relation already exists"], exit_code=1)

    result = run_cli("migrate", session_factory=container.session)

    assert result.code == 1
    assert "| ERROR: relation already exists" in result.output
    assert "migrate FAILED: container rest exited with code 1" in result.output
    assert "Traceback" not in result.output


def test_a_task_without_exit_code_is_a_failure(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    container = FakeContainer(lines=[], exit_code=None)

    result = run_cli("migrate", session_factory=container.session)

    assert result.code == 1
    assert "migrate FAILED: container rest has no exit code" in result.output


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


def test_seed_demo_runs_the_seed_command(environment: Environment, run_cli: Callable[..., CliRun]) -> None:
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


def test_seed_demo_is_refused_when_the_task_definition_says_production(
    environment: Environment, run_cli: Callable[..., CliRun]
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
