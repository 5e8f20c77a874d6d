"""`cleanup`: scale down, remove the tool's task definition revisions and old images; never Terraform's."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from ops_harness import (
    ACCOUNT,
    ENV,
    SERVICES,
    CliRun,
    Environment,
    client,
    put_image,
    register_task_definition,
)

CREATED_BY = [{"key": "tcm:created-by", "value": "tcm-ops"}]


@pytest.fixture
def released_rest(environment: Environment) -> list[str]:  # noqa: ARG001 requested for its side effect
    """rest released four times by the tool (0.2.0 .. 0.5.0); Terraform's revision 1 runs 0.1.0."""
    arns = []
    for minor in range(2, 6):
        put_image("rest", f"0.{minor}.0")
        arns.append(register_task_definition("rest", f"0.{minor}.0", tags=CREATED_BY))
    ecs = client("ecs")
    ecs.update_service(cluster=f"tcm-{ENV}", service=f"tcm-{ENV}-rest", taskDefinition=arns[-1])
    client("application-autoscaling").register_scalable_target(
        ServiceNamespace="ecs",
        ResourceId=f"service/tcm-{ENV}/tcm-{ENV}-rest",
        ScalableDimension="ecs:service:DesiredCount",
        MinCapacity=1,
        MaxCapacity=4,
    )
    return arns


def active_revisions(service: str) -> list[int]:
    arns = client("ecs").list_task_definitions(familyPrefix=f"tcm-{ENV}-{service}", status="ACTIVE")
    return sorted(int(a.rsplit(":", 1)[1]) for a in arns["taskDefinitionArns"])


def image_tags(service: str) -> list[str]:
    details = client("ecr").describe_images(repositoryName=f"tcm/{service}")["imageDetails"]
    return sorted(t for d in details for t in d.get("imageTags", []))


def desired_count(service: str) -> int:
    ecs = client("ecs")
    return int(
        ecs.describe_services(cluster=f"tcm-{ENV}", services=[f"tcm-{ENV}-{service}"])["services"][0][
            "desiredCount"
        ]
    )


@pytest.mark.usefixtures("released_rest")
def test_cleanup_service_scales_down_and_removes_what_the_tool_created(
    run_cli: Callable[..., CliRun]
) -> None:
    result = run_cli("cleanup", "--service", "rest", "--keep", "2")

    assert result.code == 0, result.output
    assert desired_count("rest") == 0
    # Terraform's revision 1 stays; of the tool's 2..5 the newest two stay.
    assert active_revisions("rest") == [1, 4, 5]
    # Images of removed revisions go; 0.1.0 stays because Terraform's revision uses it.
    assert image_tags("rest") == ["0.1.0", "0.4.0", "0.5.0"]
    target = client("application-autoscaling").describe_scalable_targets(ServiceNamespace="ecs")[
        "ScalableTargets"
    ][0]
    assert target["SuspendedState"]["DynamicScalingOutSuspended"] is True
    for other in ("graphql", "grpc"):
        assert desired_count(other) == 1
        assert active_revisions(other) == [1]
        assert image_tags(other) == ["0.1.0"]


@pytest.mark.usefixtures("released_rest")
def test_cleanup_dry_run_changes_nothing(run_cli: Callable[..., CliRun]) -> None:
    result = run_cli("cleanup", "--service", "rest", "--keep", "1", "--dry-run")

    assert result.code == 0, result.output
    assert "would scale tcm-development-rest from 1 to 0 tasks" in result.output
    assert "would deregister and delete" in result.output
    assert desired_count("rest") == 1
    assert active_revisions("rest") == [1, 2, 3, 4, 5]
    assert len(image_tags("rest")) == 5


@pytest.mark.usefixtures("environment")
def test_cleanup_all_empties_the_frontend_and_prints_terraform_destroy(
    run_cli: Callable[..., CliRun]
) -> None:
    bucket = f"tcm-{ENV}-frontend-{ACCOUNT}"
    client("s3").put_object(Bucket=bucket, Key="index.html", Body=b"x")

    result = run_cli("cleanup", "--all")

    assert result.code == 0, result.output
    assert all(desired_count(s) == 0 for s in SERVICES)
    assert client("s3").list_objects_v2(Bucket=bucket).get("KeyCount") == 0
    assert f"terraform -chdir=infra/terraform/environments/{ENV} destroy" in result.output
    # Terraform-managed resources are still there.
    assert all(active_revisions(s) == [1] for s in SERVICES)
    assert client("ecs").describe_clusters(clusters=[f"tcm-{ENV}"])["clusters"][0]["status"] == "ACTIVE"
    assert client("s3").head_bucket(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_cleanup_of_production_needs_explicit_permission(
    environment: Environment, run_cli: Callable[..., CliRun]
) -> None:
    environment.write_outputs(environment="production")

    result = run_cli("cleanup", "--all", env="production")

    assert result.code == 3
    assert "refused without --allow-production" in result.output
    assert all(desired_count(s) == 1 for s in SERVICES)


@pytest.mark.usefixtures("environment")
def test_cleanup_needs_a_target(run_cli: Callable[..., CliRun]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli("cleanup")
    assert exit_info.value.code == 2
