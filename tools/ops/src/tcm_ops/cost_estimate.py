"""`cost-estimate`: what the environment's running resources cost, from the price table in prices.py,
plus the account's month-to-date cost from Cost Explorer when it has data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from botocore.exceptions import BotoCoreError, ClientError

from tcm_ops.context import OpsContext
from tcm_ops.prices import HOURS_PER_MONTH, RegionPrices, prices_for

if TYPE_CHECKING:
    from mypy_boto3_ecs.type_defs import TaskTypeDef

_STOPPED_STATES = {"DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED", "DELETED"}


@dataclass(frozen=True)
class LineItem:
    category: str
    resource: str
    detail: str
    hourly: float


def _hourly(amount: float) -> str:
    return f"${amount:,.4f}"


def _money(amount: float) -> str:
    return f"${amount:,.2f}"


def task_items(ctx: OpsContext, prices: RegionPrices) -> list[LineItem]:
    ecs = ctx.aws().ecs
    cluster = ctx.outputs().cluster_name
    arns: list[str] = []
    for page in ecs.get_paginator("list_tasks").paginate(cluster=cluster, desiredStatus="RUNNING"):
        arns.extend(page["taskArns"])
    tasks: list[TaskTypeDef] = []
    for start in range(0, len(arns), 100):
        tasks.extend(ecs.describe_tasks(cluster=cluster, tasks=arns[start : start + 100])["tasks"])

    sizes: dict[str, tuple[str, str]] = {}

    def size_of(task: TaskTypeDef) -> tuple[str, str]:
        if task.get("cpu") and task.get("memory"):
            return task["cpu"], task["memory"]
        arn = task["taskDefinitionArn"]
        if arn not in sizes:
            definition = ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
            sizes[arn] = (definition.get("cpu", "0"), definition.get("memory", "0"))
        return sizes[arn]

    groups: Counter[tuple[str, str, str, bool]] = Counter()
    for task in tasks:
        if task.get("desiredStatus") != "RUNNING" or task.get("lastStatus") in _STOPPED_STATES:
            continue
        cpu, memory = size_of(task)
        family = task["taskDefinitionArn"].rsplit("/", 1)[-1].split(":")[0]
        groups[(family, cpu, memory, task.get("capacityProviderName") == "FARGATE_SPOT")] += 1

    items = []
    for (family, cpu, memory, spot), count in sorted(groups.items()):
        vcpu, gb = int(cpu) / 1024, int(memory) / 1024
        hourly = count * (vcpu * prices.fargate_vcpu_hour + gb * prices.fargate_gb_hour)
        if spot:
            hourly *= prices.fargate_spot_factor
        kind = "Fargate Spot" if spot else "Fargate"
        items.append(LineItem("ecs tasks", family, f"{count} x {vcpu:g} vCPU / {gb:g} GB {kind}", hourly))
    return items


def rds_items(ctx: OpsContext, prices: RegionPrices) -> list[LineItem]:
    env = ctx.outputs().environment
    items = []
    for page in ctx.aws().rds.get_paginator("describe_db_instances").paginate():
        for db in page["DBInstances"]:
            identifier = db["DBInstanceIdentifier"]
            tags = {t.get("Key"): t.get("Value") for t in db.get("TagList", [])}
            ours = identifier.startswith(f"tcm-{env}") or (
                tags.get("Project") == "tcm" and tags.get("Environment") == env
            )
            if not ours:
                continue
            instance_class = db["DBInstanceClass"]
            copies = 2 if db.get("MultiAZ") else 1
            storage_gb = db.get("AllocatedStorage", 0)
            storage_hourly = copies * storage_gb * prices.rds_storage_gb_month / HOURS_PER_MONTH
            instance_price = prices.rds_instance_hour.get(instance_class)
            status = db.get("DBInstanceStatus", "")
            detail = f"{instance_class}{' Multi-AZ' if copies == 2 else ''}, {storage_gb} GB"
            if instance_price is None:
                ctx.console.warn(f"no price for RDS class {instance_class}: only its storage is counted")
                detail += " (class not in price table)"
                instance_price = 0.0
            if status == "stopped":
                detail += ", stopped (storage only)"
                instance_price = 0.0
            items.append(LineItem("rds", identifier, detail, copies * instance_price + storage_hourly))
    return items


def nat_items(ctx: OpsContext, prices: RegionPrices) -> list[LineItem]:
    ec2 = ctx.aws().ec2
    subnets = ec2.describe_subnets(SubnetIds=list(ctx.outputs().private_subnet_ids))["Subnets"]
    vpcs = sorted({s["VpcId"] for s in subnets})
    gateways = ec2.describe_nat_gateways(
        Filters=[{"Name": "vpc-id", "Values": vpcs}, {"Name": "state", "Values": ["available", "pending"]}]
    )["NatGateways"]
    return [
        LineItem(
            "nat gateway", g.get("NatGatewayId", "?"), f"in {g.get('SubnetId', '?')}", prices.nat_gateway_hour
        )
        for g in gateways
    ]


def alb_items(ctx: OpsContext, prices: RegionPrices) -> list[LineItem]:
    elbv2 = ctx.aws().elbv2
    name = f"tcm-{ctx.outputs().environment}"
    try:
        balancers = elbv2.describe_load_balancers(Names=[name])["LoadBalancers"]
    except elbv2.exceptions.LoadBalancerNotFoundException:
        return []
    return [
        LineItem(
            "load balancer",
            b.get("LoadBalancerName", name),
            f"{b.get('Type', 'application')}, hourly only (no LCUs)",
            prices.alb_hour,
        )
        for b in balancers
    ]


def month_to_date(ctx: OpsContext, today: dt.date) -> str:
    start = today.replace(day=1)
    end = today + dt.timedelta(days=1)
    try:
        result = ctx.aws().cost_explorer.get_cost_and_usage(
            TimePeriod={"Start": start.isoformat(), "End": end.isoformat()},
            Granularity="MONTHLY",
            Metrics=["UnblendedCost"],
        )
    except (ClientError, BotoCoreError) as exc:
        return f"Cost Explorer unavailable ({exc})"
    total = 0.0
    unit = "USD"
    found = False
    for period in result.get("ResultsByTime", []):
        for metric in period.get("Total", {}).values():
            if "Amount" in metric:
                total += float(metric["Amount"])
                unit = metric.get("Unit", unit)
                found = True
    if not found:
        return "Cost Explorer has no data for this month yet"
    return f"month-to-date actual cost (whole account, Cost Explorer): {total:,.2f} {unit}"


def run_cost_estimate(ctx: OpsContext, today: dt.date) -> float:
    outputs = ctx.outputs()
    prices, priced_region = prices_for(outputs.aws_region)
    ctx.console.step(f"cost estimate for {outputs.environment} in {outputs.aws_region}")
    if priced_region != outputs.aws_region:
        ctx.console.warn(f"no price table for {outputs.aws_region}; using {priced_region} prices")
    items = [
        *task_items(ctx, prices),
        *rds_items(ctx, prices),
        *nat_items(ctx, prices),
        *alb_items(ctx, prices),
    ]
    ctx.console.table(
        ["category", "resource", "detail", "per hour", "per month"],
        [
            [i.category, i.resource, i.detail, _hourly(i.hourly), _money(i.hourly * HOURS_PER_MONTH)]
            for i in items
        ],
    )
    hourly = sum(i.hourly for i in items)
    ctx.console.raw(
        f"estimated total: {_hourly(hourly)}/hour, {_money(hourly * 24)}/day, "
        f"{_money(hourly * HOURS_PER_MONTH)}/month ({HOURS_PER_MONTH:g} h; list prices, "
        "excluding data transfer, LCUs, CloudFront, S3, logs)"
    )
    ctx.console.raw(month_to_date(ctx, today))
    return hourly
