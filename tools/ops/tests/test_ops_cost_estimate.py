"""`cost-estimate`: a known set of running resources in moto, priced with the eu-west-1 table."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from ops_harness import (
    ENV,
    REGION,
    CallRecorder,
    CliRun,
    Environment,
    client,
    create_load_balancer,
    moto_post,
    recording_session,
    set_task_transition,
)

from tcm_ops.cli import Dependencies, main
from tcm_ops.prices import PRICES, prices_for


def run_task(environment: Environment, service: str, count: int) -> None:
    client("ecs").run_task(
        cluster=f"tcm-{ENV}",
        taskDefinition=f"tcm-{ENV}-{service}",
        launchType="FARGATE",
        count=count,
        networkConfiguration={
            "awsvpcConfiguration": {
                "subnets": environment.subnet_ids,
                "securityGroups": [environment.security_groups[service]],
            }
        },
    )


@pytest.fixture
def known_resources(environment: Environment, aws: str) -> None:
    set_task_transition(aws, 1_000_000)  # the tasks keep running however often they are described
    run_task(environment, "rest", 2)  # 0.25 vCPU / 0.5 GB each
    run_task(environment, "graphql", 1)  # 0.5 vCPU / 1 GB
    rds = client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier=f"tcm-{ENV}-postgres",
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        AllocatedStorage=20,
        MasterUsername="tcm",
        ManageMasterUserPassword=True,
    )
    rds.create_db_instance(  # another project's database in the same account: not counted
        DBInstanceIdentifier="someone-else",
        DBInstanceClass="db.t3.large",
        Engine="postgres",
        AllocatedStorage=100,
        MasterUsername="x",
        ManageMasterUserPassword=True,
    )
    ec2 = client("ec2")
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.create_nat_gateway(SubnetId=environment.subnet_ids[0], AllocationId=allocation)
    create_load_balancer(environment)


@pytest.mark.usefixtures("known_resources")
def test_cost_estimate_prints_a_total_for_known_resources(
    run_cli: Callable[..., CliRun]
) -> None:
    result = run_cli("cost-estimate")

    assert result.code == 0, result.output
    # eu-west-1: Fargate 0.04048/vCPU-h + 0.004445/GB-h; db.t3.micro 0.019/h + 20 GB x 0.127/GB-month;
    # NAT 0.048/h; ALB 0.0252/h.
    tasks = 2 * (0.25 * 0.04048 + 0.5 * 0.004445) + (0.5 * 0.04048 + 1 * 0.004445)
    hourly = tasks + 0.019 + 20 * 0.127 / 730 + 0.048 + 0.0252
    assert f"estimated total: ${hourly:.4f}/hour" in result.output
    assert f"${hourly * 730:,.2f}/month" in result.output
    assert "$105.89/month" in result.output  # the same, written out
    assert f"tcm-{ENV}-rest" in result.output
    assert "2 x 0.25 vCPU / 0.5 GB Fargate" in result.output
    assert "db.t3.micro, 20 GB" in result.output
    assert "someone-else" not in result.output
    assert "nat gateway" in result.output
    assert "load balancer" in result.output
    assert "Cost Explorer has no data for this month yet" in result.output


@pytest.mark.usefixtures("environment")
def test_cost_estimate_shows_month_to_date_cost_when_cost_explorer_has_data(
    run_cli: Callable[..., CliRun], aws: str
) -> None:
    moto_post(
        aws,
        "/moto-api/static/ce/cost-and-usage-results",
        {
            "results": [
                {
                    "ResultsByTime": [
                        {
                            "TimePeriod": {"Start": "2026-11-01", "End": "2026-11-20"},
                            "Total": {"UnblendedCost": {"Amount": "42.4242", "Unit": "USD"}},
                            "Groups": [],
                            "Estimated": True,
                        }
                    ]
                }
            ]
        },
    )

    result = run_cli("cost-estimate")

    assert result.code == 0, result.output
    assert "month-to-date actual cost (whole account, Cost Explorer): 42.42 USD" in result.output
    assert "estimated total: $0.0000/hour" in result.output  # nothing running in this environment


def test_a_region_without_prices_falls_back_to_us_east_1() -> None:
    assert prices_for(REGION) == (PRICES[REGION], REGION)
    assert prices_for("sa-east-1") == (PRICES["us-east-1"], "us-east-1")


def test_month_to_date_period_on_the_first_day(environment: Environment) -> None:
    """Cost Explorer's End is exclusive: on the 1st the period is still one day long."""
    out = io.StringIO()
    recorder = CallRecorder()
    code = main(
        ["--env", ENV, "--outputs", str(environment.outputs_path), "cost-estimate"],
        Dependencies(
            stdout=out,
            today=lambda: dt.date(2026, 12, 1),
            interactive=False,
            session_factory=lambda: recording_session(recorder),
        ),
    )
    assert code == 0, out.getvalue()
    [params] = [params for _, op, params in recorder.calls if op == "GetCostAndUsage"]
    assert params["TimePeriod"] == {"Start": "2026-12-01", "End": "2026-12-02"}
