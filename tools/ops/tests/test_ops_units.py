"""Pure pieces of tcm-ops: versions, outputs parsing, deployment assessment, waiting and display."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from ops_harness import FakeClock, FakeRunner

from tcm_ops.console import Console
from tcm_ops.deployment import assess_deployment
from tcm_ops.errors import OpsError
from tcm_ops.outputs import load_outputs_file, load_terraform_outputs, parse_outputs
from tcm_ops.polling import Done, Pending, wait_for
from tcm_ops.process import CommandResult, SubprocessRunner
from tcm_ops.release_version import check_version_bumped, repository_name
from tcm_ops.semver import Version, parse_version

OUTPUTS: dict[str, Any] = {
    "environment": "development",
    "aws_region": "eu-west-1",
    "cluster_name": "tcm-development",
    "service_names": {s: f"tcm-development-{s}" for s in ("rest", "graphql", "grpc")},
    "task_definition_families": {s: f"tcm-development-{s}" for s in ("rest", "graphql", "grpc")},
    "container_names": {s: s for s in ("rest", "graphql", "grpc")},
    "ecr_repository_urls": {
        s: f"1.dkr.ecr.eu-west-1.amazonaws.com/tcm/{s}" for s in ("rest", "graphql", "grpc")
    },
    "log_group_names": {s: f"/ecs/tcm-development/{s}" for s in ("rest", "graphql", "grpc")},
    "private_subnet_ids": ["subnet-1", "subnet-2"],
    "task_security_group_ids": {s: f"sg-{s}" for s in ("rest", "graphql", "grpc")},
    "frontend_bucket_name": "tcm-development-frontend-1",
    "cloudfront_distribution_id": "E1",
    "cloudfront_domain_name": "d1.cloudfront.net",
    "alb_dns_name": "tcm-development.elb.amazonaws.com",
    "public_base_url": "https://tcm.example.com/",
    "grpc_endpoint": "api.tcm.example.com:50051",
}


def test_semver_order() -> None:
    versions = ["1.0.0", "0.10.0", "0.9.1", "1.0.0-rc.1", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.11"]
    parsed = [parse_version(v) for v in versions]
    assert all(parsed)
    ordered = [str(v) for v in sorted(p for p in parsed if p is not None)]
    assert ordered == [
        "0.9.1",
        "0.10.0",
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
    ]
    for bad in ("1.0", "v1.0.0", "01.0.0", "latest", "1.0.0-"):
        assert parse_version(bad) is None


def _version(text: str) -> Version:
    version = parse_version(text)
    assert version is not None, text
    return version


def test_version_check_ignores_non_semver_tags() -> None:
    check_version_bumped("rest", _version("0.2.0"), ["latest", "0.1.0", "sha-abc"])
    with pytest.raises(OpsError, match=r"not newer than the highest released version 1\.0\.0"):
        check_version_bumped("rest", _version("1.0.0-rc.1"), ["1.0.0"])


def test_repository_name_from_url() -> None:
    assert repository_name("1.dkr.ecr.eu-west-1.amazonaws.com/tcm/rest") == "tcm/rest"
    with pytest.raises(OpsError):
        repository_name("no-slash")


def test_outputs_in_terraform_format_and_plain(tmp_path: Path) -> None:
    wrapped = {k: {"sensitive": False, "type": "x", "value": v} for k, v in OUTPUTS.items()}
    path = tmp_path / "o.json"
    path.write_text(json.dumps(wrapped))
    outputs = load_outputs_file(path)
    assert outputs == parse_outputs(OUTPUTS, source="plain")
    assert outputs.public_base_url == "https://tcm.example.com"
    assert outputs.private_subnet_ids == ("subnet-1", "subnet-2")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cluster_name": None}, "missing Terraform outputs: cluster_name"),
        ({"service_names": {"rest": "x"}}, "'service_names' has no entry for graphql, grpc"),
        ({"private_subnet_ids": []}, "'private_subnet_ids' must be a non-empty list"),
        ({"aws_region": ""}, "'aws_region' must be a non-empty string"),
    ],
)
def test_outputs_are_validated(change: Mapping[str, Any], message: str) -> None:
    document = {k: v for k, v in {**OUTPUTS, **change}.items() if v is not None}
    with pytest.raises(OpsError, match=message):
        parse_outputs(document, source="test")


def test_outputs_from_terraform_output_json(tmp_path: Path) -> None:
    runner = FakeRunner()
    runner.on(["terraform", "output", "-json"], CommandResult(0, json.dumps(OUTPUTS)))
    assert load_terraform_outputs(runner, tmp_path).cluster_name == "tcm-development"

    failing = FakeRunner()
    failing.on(["terraform"], CommandResult(1, "", "Error: Backend initialization required\n"))
    with pytest.raises(OpsError, match="run `terraform init` there first"):
        load_terraform_outputs(failing, tmp_path)
    with pytest.raises(OpsError, match="does not exist"):
        load_terraform_outputs(runner, tmp_path / "missing")


def _service(deployments: list[dict[str, Any]], task_definition: str = "td:2") -> Any:
    return {"taskDefinition": task_definition, "deployments": deployments}


def test_assess_deployment() -> None:
    ours = {
        "id": "d-new",
        "status": "PRIMARY",
        "taskDefinition": "td:2",
        "desiredCount": 2,
        "runningCount": 1,
    }
    old = {"id": "d-old", "status": "ACTIVE", "taskDefinition": "td:1", "desiredCount": 0, "runningCount": 1}

    progress = assess_deployment(_service([{**ours, "rolloutState": "IN_PROGRESS"}, old]), "d-new", "td:2")
    assert progress == Pending("IN_PROGRESS, 1/2 running")
    stable = assess_deployment(
        _service([{**ours, "rolloutState": "COMPLETED", "runningCount": 2}]), "d-new", "td:2"
    )
    assert isinstance(stable, Done)
    assert stable.value.state == "stable"
    without_rollout = assess_deployment(_service([{**ours, "runningCount": 2}]), "d-new", "td:2")
    assert isinstance(without_rollout, Done)
    failed = assess_deployment(_service([{**ours, "rolloutState": "FAILED"}]), "d-new", "td:2")
    assert isinstance(failed, Done)
    assert failed.value.state == "failed"
    rollback = {"id": "d-rb", "status": "PRIMARY", "taskDefinition": "td:1", "rolloutState": "IN_PROGRESS"}
    rolled = assess_deployment(
        _service([rollback, {**ours, "status": "ACTIVE", "rolloutState": "FAILED"}], "td:1"), "d-new", "td:2"
    )
    assert isinstance(rolled, Done)
    assert rolled.value.state == "rolled-back"
    assert "td:1" in rolled.value.detail


def test_wait_for_times_out_with_the_last_status() -> None:
    clock = FakeClock()
    out = io.StringIO()
    with pytest.raises(OpsError, match=r"timed out after 10s waiting for thing \(last status: still going\)"):
        wait_for(
            lambda: Pending("still going"),
            what="thing",
            timeout_seconds=10,
            interval_seconds=3,
            console=Console(out, interactive=False),
            clock=clock,
        )
    assert clock.sleeps == [3, 3, 3, 3]
    assert out.getvalue().count("... thing: still going") == 1  # printed once while it does not change


def test_progress_redraws_in_place_on_a_terminal() -> None:
    out = io.StringIO()
    console = Console(out, interactive=True)
    console.progress("deploying: 0/1 running", 1)
    console.progress("deploying: 1/1 running", 2)
    console.step("done")
    assert out.getvalue() == (
        "\r\x1b[K| deploying: 0/1 running [1s]\r\x1b[K/ deploying: 1/1 running [2s]\n==> done\n"
    )


def test_subprocess_runner_streams_and_captures(tmp_path: Path) -> None:
    echoed: list[str] = []
    runner = SubprocessRunner(echoed.append)
    result = runner.run([sys.executable, "-c", "print('one'); print('two')"], cwd=tmp_path)
    assert (result.returncode, result.stdout, echoed) == (0, "one\ntwo\n", ["one", "two"])
    captured = runner.run([sys.executable, "-c", "import sys; print(sys.stdin.read())"], cwd=tmp_path,
                          stdin="secret", capture=True)  # fmt: skip
    assert captured.stdout == "secret\n"
    assert runner.run(["no-such-command-tcm"], cwd=tmp_path).returncode == 127


def test_module_entry_point_prints_usage() -> None:
    src = Path(__file__).resolve().parents[1] / "src"
    result = subprocess.run(
        [sys.executable, "-m", "tcm_ops", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(src), "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    for command in (
        "release",
        "migrate",
        "seed-demo",
        "verify",
        "publish-frontend",
        "cost-estimate",
        "cleanup",
    ):
        assert command in result.stdout
