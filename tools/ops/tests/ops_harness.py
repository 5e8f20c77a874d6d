"""Test harness for tcm-ops (conftest.py re-exports its fixtures): a real moto server process, an
environment created the way Terraform names it
(docs/conventions.md), and a CLI runner that points boto3 at the server through AWS_ENDPOINT_URL.

Only process boundaries are faked: local commands (Docker, Pants, npm) through FakeRunner. Every AWS call
goes to moto over HTTP.
"""

from __future__ import annotations

import copy
import io
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest

from tcm_ops.cli import Dependencies, main
from tcm_ops.probes import NetworkProbes, Probes
from tcm_ops.process import CommandResult

REGION = "eu-west-1"
ACCOUNT = "123456789012"
ENV = "development"
SERVICES = ("rest", "graphql", "grpc")
SIZES = {"rest": ("256", "512"), "graphql": ("512", "1024"), "grpc": ("256", "512")}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _moto_server_command() -> list[str]:
    candidate = Path(sys.executable).with_name("moto_server")
    return [str(candidate)] if candidate.exists() else [sys.executable, "-m", "moto.server"]


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("w")
    # Services created while this is set report their tasks as running, so deployments complete.
    env = {**os.environ, "MOTO_ECS_SERVICE_RUNNING": "1"}
    process = subprocess.Popen(
        [*_moto_server_command(), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{endpoint}/moto-api/data.json", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"moto server did not start (see {log.name})") from None
                time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def moto_post(endpoint: str, path: str, body: Mapping[str, Any]) -> None:
    httpx.post(endpoint + path, json=body, timeout=10).raise_for_status()


def set_task_transition(endpoint: str, times: int) -> None:
    """moto advances a task's lastStatus one step every `times` describe_tasks calls."""
    moto_post(
        endpoint,
        "/moto-api/state-manager/set-transition",
        {"model_name": "ecs::task", "transition": {"progression": "manual", "times": times}},
    )


@pytest.fixture
def aws(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A clean moto and an environment whose boto3 calls go to it, with dummy credentials."""
    moto_post(moto_endpoint, "/moto-api/reset", {})
    set_task_transition(moto_endpoint, 1)
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    return moto_endpoint


_CLIENTS: dict[tuple[str, str], Any] = {}


def client(name: str, region: str = REGION) -> Any:
    """A boto3 client for the test's own setup and assertions (moto's endpoint is the same all session)."""
    key = (name, region)
    if key not in _CLIENTS:
        _CLIENTS[key] = boto3.session.Session().client(name, region_name=region)  # type: ignore[call-overload]
    return _CLIENTS[key]


def repository_url(service: str) -> str:
    return f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/tcm/{service}"


def put_image(service: str, tag: str) -> str:
    manifest = json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "config": {
                "digest": f"sha256:{abs(hash((service, tag))):064d}"[:71],
                "size": 1,
                "mediaType": "x",
            },
            "layers": [],
        }
    )
    image = client("ecr").put_image(repositoryName=f"tcm/{service}", imageManifest=manifest, imageTag=tag)
    return str(image["image"]["imageId"]["imageDigest"])


def register_task_definition(service: str, image_tag: str, tags: Sequence[Mapping[str, str]] = ()) -> str:
    cpu, memory = SIZES[service]
    family = f"tcm-{ENV}-{service}"
    response = client("ecs").register_task_definition(
        family=family,
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu=cpu,
        memory=memory,
        executionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/{family}-execution",
        taskRoleArn=f"arn:aws:iam::{ACCOUNT}:role/{family}-task",
        containerDefinitions=[
            {
                "name": service,
                "image": f"{repository_url(service)}:{image_tag}",
                "essential": True,
                "memoryReservation": int(memory) // 2,
                "portMappings": [{"containerPort": {"rest": 8000, "graphql": 8001, "grpc": 50051}[service]}],
                "environment": [{"name": "TCM_ENVIRONMENT", "value": ENV}],
                "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {
                        "awslogs-group": f"/ecs/tcm-{ENV}/{service}",
                        "awslogs-region": REGION,
                        "awslogs-stream-prefix": service,
                    },
                },
            },
            {
                "name": "otel-collector",
                "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
                "essential": False,
                "memoryReservation": 64,
            },
        ],
        tags=list(tags) or [{"key": "Project", "value": "tcm"}],
    )
    return str(response["taskDefinition"]["taskDefinitionArn"])


def register_migrate_task_definition(image_tag: str) -> str:
    """Terraform's one-off task definition tcm-<env>-migrate (modules/service one_off_tasks)."""
    family = f"tcm-{ENV}-migrate"
    response = client("ecs").register_task_definition(
        family=family,
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        executionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/tcm-{ENV}-rest-execution",
        taskRoleArn=f"arn:aws:iam::{ACCOUNT}:role/tcm-{ENV}-rest-task",
        containerDefinitions=[
            {
                "name": "migrate",
                "image": f"{repository_url('rest')}:{image_tag}",
                "essential": True,
                "memoryReservation": 256,
                "command": ["migrate"],
                "environment": [
                    {"name": "TCM_ENVIRONMENT", "value": ENV},
                    {"name": "PEX_MODULE", "value": "tcm_common.cli"},
                    {"name": "TCM_DATABASE_USER", "value": "tcm_admin"},
                    {"name": "TCM_DATABASE_APP_ROLE", "value": "tcm_app"},
                ],
                "secrets": [
                    {"name": "TCM_DATABASE_PASSWORD", "valueFrom": f"/tcm/{ENV}/database/password"},
                    {"name": "TCM_DATABASE_APP_USER", "valueFrom": f"/tcm/{ENV}/database/app-user"},
                    {"name": "TCM_DATABASE_APP_PASSWORD", "valueFrom": f"/tcm/{ENV}/database/app-password"},
                ],
                "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {
                        "awslogs-group": f"/ecs/tcm-{ENV}/rest",
                        "awslogs-region": REGION,
                        "awslogs-stream-prefix": "migrate",
                    },
                },
            }
        ],
    )
    return str(response["taskDefinition"]["taskDefinitionArn"])


def publish_task_definition(name: str, arn: str) -> None:
    """What Terraform does after registering a revision (modules/service aws_ssm_parameter.task_definition)."""
    client("ssm").put_parameter(
        Name=f"/tcm/{ENV}/task-definitions/{name}", Value=arn, Type="SecureString", Overwrite=True
    )


def parameter(name: str) -> str:
    return str(client("ssm").get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"])


@dataclass
class Environment:
    """The moto resources of `tcm-development` and the outputs file Terraform would give for them."""

    outputs_path: Path
    outputs: dict[str, Any]
    repo_root: Path
    subnet_ids: list[str]
    security_groups: dict[str, str]
    vpc_id: str
    target_groups: dict[str, str] = field(default_factory=dict)

    def write_outputs(self, **changes: Any) -> None:
        self.outputs.update(changes)
        self.outputs_path.write_text(
            json.dumps(
                {k: {"sensitive": False, "type": "string", "value": v} for k, v in self.outputs.items()}
            )
        )


@pytest.fixture
def environment(aws: str, tmp_path: Path) -> Environment:  # noqa: ARG001 requested for its side effect
    ec2, ecs = client("ec2"), client("ecs")
    vpc_id = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
    subnets = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=f"{REGION}{az}")[
            "Subnet"
        ]["SubnetId"]
        for i, az in ((1, "a"), (2, "b"))
    ]
    groups = {
        svc: ec2.create_security_group(GroupName=f"tcm-{ENV}-{svc}-task", Description="task", VpcId=vpc_id)[
            "GroupId"
        ]
        for svc in SERVICES
    }
    ecs.create_cluster(clusterName=f"tcm-{ENV}")
    ecr, logs = client("ecr"), client("logs")
    for svc in SERVICES:
        ecr.create_repository(repositoryName=f"tcm/{svc}", imageTagMutability="IMMUTABLE")
        put_image(svc, "0.1.0")
        logs.create_log_group(logGroupName=f"/ecs/tcm-{ENV}/{svc}")
        publish_task_definition(svc, register_task_definition(svc, "0.1.0"))
        ecs.create_service(
            cluster=f"tcm-{ENV}",
            serviceName=f"tcm-{ENV}-{svc}",
            taskDefinition=f"tcm-{ENV}-{svc}",
            desiredCount=1,
            launchType="FARGATE",
            networkConfiguration={
                "awsvpcConfiguration": {"subnets": subnets, "securityGroups": [groups[svc]]}
            },
            deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": True}},
        )
    publish_task_definition("migrate", register_migrate_task_definition("0.1.0"))
    ssm = client("ssm")
    # What Terraform writes once (modules/secrets, modules/database); the rotations rewrite them.
    for name, value in {
        "jwt/private-key": "first private key (a PEM in AWS)",
        "jwt/private-key-id": f"tcm-{ENV}-1",
        "jwt/public-keys": json.dumps({f"tcm-{ENV}-1": "first public key (a PEM in AWS)"}),
        "database/password": "owner-password",
        "database/app-user": "tcm_app_blue",
        "database/app-password": "first-app-password",
    }.items():
        ssm.put_parameter(Name=f"/tcm/{ENV}/{name}", Value=value, Type="SecureString")
    bucket = f"tcm-{ENV}-frontend-{ACCOUNT}"
    client("s3").create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    distribution = client("cloudfront", "us-east-1").create_distribution(
        DistributionConfig={
            "CallerReference": "tcm-frontend",
            "Comment": "tcm frontend",
            "Enabled": True,
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {
                        "Id": "s3",
                        "DomainName": f"{bucket}.s3.{REGION}.amazonaws.com",
                        "S3OriginConfig": {"OriginAccessIdentity": ""},
                    }
                ],
            },
            "DefaultCacheBehavior": {
                "TargetOriginId": "s3",
                "ViewerProtocolPolicy": "redirect-to-https",
                "MinTTL": 0,
                "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                "TrustedSigners": {"Enabled": False, "Quantity": 0},
            },
        }
    )["Distribution"]

    repo_root = tmp_path / "repo"
    for svc in SERVICES:
        (repo_root / "services" / svc).mkdir(parents=True)
        (repo_root / "services" / svc / "VERSION").write_text("0.1.0\n")
    (repo_root / "pants.toml").write_text("")
    env = Environment(
        outputs_path=tmp_path / "outputs.json",
        outputs={
            "environment": ENV,
            "aws_region": REGION,
            "cluster_name": f"tcm-{ENV}",
            "service_names": {s: f"tcm-{ENV}-{s}" for s in SERVICES},
            "task_definition_families": {s: f"tcm-{ENV}-{s}" for s in SERVICES},
            "container_names": {s: s for s in SERVICES},
            "ecr_repository_urls": {s: repository_url(s) for s in SERVICES},
            "log_group_names": {s: f"/ecs/tcm-{ENV}/{s}" for s in SERVICES},
            "private_subnet_ids": subnets,
            "task_security_group_ids": groups,
            "frontend_bucket_name": bucket,
            "cloudfront_distribution_id": distribution["Id"],
            "cloudfront_domain_name": distribution["DomainName"],
            "alb_dns_name": f"tcm-{ENV}-1234567890.{REGION}.elb.amazonaws.com",
            "public_base_url": "https://tcm.example.com",
            "grpc_endpoint": "api.tcm.example.com:50051",
        },
        repo_root=repo_root,
        subnet_ids=subnets,
        security_groups=groups,
        vpc_id=vpc_id,
    )
    env.write_outputs()
    return env


def create_load_balancer(env: Environment, *, register_targets: Sequence[str] = SERVICES) -> str:
    """The ALB `tcm-<env>` and its target groups `tcm-<env>-<svc>` (ip targets, as for Fargate)."""
    elbv2 = client("elbv2")
    alb_sg = client("ec2").create_security_group(GroupName="tcm-alb", Description="alb", VpcId=env.vpc_id)[
        "GroupId"
    ]
    alb = elbv2.create_load_balancer(
        Name=f"tcm-{ENV}",
        Subnets=env.subnet_ids,
        SecurityGroups=[alb_sg],
        Scheme="internet-facing",
        Type="application",
    )["LoadBalancers"][0]
    for index, svc in enumerate(SERVICES):
        group = elbv2.create_target_group(
            Name=f"tcm-{ENV}-{svc}",
            Protocol="HTTPS" if svc == "grpc" else "HTTP",
            ProtocolVersion="GRPC" if svc == "grpc" else "HTTP1",
            Port={"rest": 8000, "graphql": 8001, "grpc": 50051}[svc],
            VpcId=env.vpc_id,
            TargetType="ip",
            HealthCheckPath="/grpc.health.v1.Health/Check" if svc == "grpc" else "/health",
        )["TargetGroups"][0]
        env.target_groups[svc] = group["TargetGroupArn"]
        if svc in register_targets:
            elbv2.register_targets(
                TargetGroupArn=group["TargetGroupArn"], Targets=[{"Id": f"10.20.1.{10 + index}"}]
            )
    return str(alb["LoadBalancerArn"])


START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class FakeContainer:
    """Plays a one-off task's container on a boto3 session: when the task starts it writes the container's
    log lines to CloudWatch (moto), and for a failing container it reports the exit code ECS would on the
    STOPPED task. Every RunTask request is recorded."""

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
        # The stream prefix of both task definitions is their container's name (rest, or migrate).
        container = self.run_task_requests[-1]["overrides"]["containerOverrides"][0]["name"]
        for task in parsed.get("tasks", []):
            stream = f"{container}/{container}/{task['taskArn'].rsplit('/', 1)[-1]}"
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


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def utcnow(self) -> datetime:
        return START + timedelta(seconds=self.now)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


Handler = Callable[[list[str], Mapping[str, str], str | None], CommandResult]


class FakeRunner:
    """Stands in for local processes (docker, ./pants, npm): records each call and answers it with the
    first handler whose prefix matches; anything unexpected fails the test."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.envs: list[dict[str, str]] = []
        self._handlers: list[tuple[tuple[str, ...], Handler]] = []

    def on(self, prefix: Sequence[str], handler: Handler | CommandResult) -> None:
        if isinstance(handler, CommandResult):
            result = handler
            self._handlers.append((tuple(prefix), lambda _a, _e, _s: result))
        else:
            self._handlers.append((tuple(prefix), handler))

    def run(
        self,
        args: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str] | None = None,
        stdin: str | None = None,
        capture: bool = False,
    ) -> CommandResult:
        del cwd, capture
        command = list(args)
        self.calls.append(command)
        self.envs.append(dict(env or {}))
        for prefix, handler in self._handlers:
            if tuple(command[: len(prefix)]) == prefix:
                return handler(command, env or {}, stdin)
        raise AssertionError(f"unexpected command {command}")


@dataclass
class CliRun:
    code: int
    output: str


class CallRecorder:
    """Records every AWS operation a boto3 session makes (service, operation, params)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def __call__(self, model: Any, params: Any, **_: Any) -> None:
        self.calls.append((model.service_model.service_name, model.name, dict(params)))

    def operations(self, service: str | None = None) -> list[str]:
        return [op for svc, op, _ in self.calls if service is None or svc == service]


def recording_session(recorder: CallRecorder) -> boto3.Session:
    session = boto3.Session()
    session.events.register("before-parameter-build", recorder)
    return session


@pytest.fixture
def run_cli(environment: Environment) -> Callable[..., CliRun]:
    def run(
        *argv: str,
        runner: FakeRunner | None = None,
        session_factory: Callable[[], boto3.Session] = boto3.Session,
        probes: Probes | None = None,
        env: str = ENV,
        outputs: Path | None = None,
        clock: FakeClock | None = None,
    ) -> CliRun:
        out = io.StringIO()
        deps = Dependencies(
            stdout=out,
            runner=runner or FakeRunner(),
            session_factory=session_factory,
            clock=clock or FakeClock(),
            probes=probes or NetworkProbes(timeout_seconds=5),
            interactive=False,
        )
        args = [
            "--env", env,
            "--outputs", str(outputs or environment.outputs_path),
            "--repo-root", str(environment.repo_root),
            "--poll-interval", "0.5",
            *argv,
        ]  # fmt: skip
        code = main(args, deps)
        return CliRun(code, out.getvalue())

    return run
