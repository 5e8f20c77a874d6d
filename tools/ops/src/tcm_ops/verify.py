"""`verify`: is the environment healthy? Prints one table row per check; fails if any check fails.

Checks, and why these routes:
- ELBv2 target health of the three target groups `tcm-<env>-<svc>`: the ALB itself probes each task's
  `/health` (and the gRPC health service), so this is the services' health as seen through the ALB.
- HTTP GET `<public_base_url>/api/health` (REST) and `<public_base_url>/graphql/health` (GraphQL): the
  public path through CloudFront's `/api/*` and `/graphql*` behaviours and the ALB's path rules, which
  forward the path unchanged; the services answer their health route under their ALB prefix. The ALB is
  not probed directly because it only answers requests carrying CloudFront's secret origin header.
- gRPC `grpc.health.v1.Health/Check` on `grpc_endpoint` (the ALB's TLS listener on 50051).
- The SPA: the CloudFront distribution is Deployed and enabled, and `<public_base_url>/` and a deep link
  both return HTML (the deep link proves the SPA fallback).
"""

from __future__ import annotations

from dataclasses import dataclass

from tcm_ops.context import OpsContext
from tcm_ops.errors import OpsError
from tcm_ops.probes import ProbeResult, Probes
from tcm_ops.services import SERVICES

REST_HEALTH_PATH = "/api/health"
GRAPHQL_HEALTH_PATH = "/graphql/health"
SPA_DEEP_LINK = "/test-suites"


@dataclass(frozen=True)
class VerifyOptions:
    grpc_plaintext: bool = False
    rest_health_path: str = REST_HEALTH_PATH
    graphql_health_path: str = GRAPHQL_HEALTH_PATH


def target_group_health(ctx: OpsContext, service: str) -> ProbeResult:
    elbv2 = ctx.aws().elbv2
    name = f"tcm-{ctx.outputs().environment}-{service}"
    try:
        groups = elbv2.describe_target_groups(Names=[name])["TargetGroups"]
    except elbv2.exceptions.TargetGroupNotFoundException:
        return ProbeResult(False, "target group not found")
    arn = groups[0]["TargetGroupArn"]
    states = [
        d.get("TargetHealth", {}).get("State", "unknown")
        for d in elbv2.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]
    ]
    healthy = states.count("healthy")
    others = sorted({s for s in states if s != "healthy"})
    detail = f"{healthy}/{len(states)} targets healthy" + (f" ({', '.join(others)})" if others else "")
    return ProbeResult(bool(states) and healthy == len(states), detail)


def distribution_status(ctx: OpsContext) -> ProbeResult:
    distribution = ctx.aws().cloudfront.get_distribution(Id=ctx.outputs().cloudfront_distribution_id)[
        "Distribution"
    ]
    status = distribution["Status"]
    enabled = distribution["DistributionConfig"]["Enabled"]
    return ProbeResult(status == "Deployed" and enabled, f"{status}, {'enabled' if enabled else 'DISABLED'}")


def run_verify(ctx: OpsContext, probes: Probes, options: VerifyOptions) -> None:
    outputs = ctx.outputs()
    base = outputs.public_base_url
    ctx.console.step(f"verifying {outputs.environment} ({base})")
    rows: list[tuple[str, str, ProbeResult]] = [
        (
            f"{service} targets",
            f"target group tcm-{outputs.environment}-{service}",
            target_group_health(ctx, service),
        )
        for service in SERVICES
    ]
    for name, path in (
        ("rest http", options.rest_health_path),
        ("graphql http", options.graphql_health_path),
    ):
        rows.append((name, f"GET {path}", probes.http_get(base + path)))
    rows.append(
        (
            "grpc health",
            outputs.grpc_endpoint,
            probes.grpc_health(outputs.grpc_endpoint, plaintext=options.grpc_plaintext),
        )
    )
    rows.append(("cloudfront", outputs.cloudfront_distribution_id, distribution_status(ctx)))
    rows.append(("spa", "GET /", probes.http_get(base + "/", expect_html=True)))
    rows.append(
        ("spa deep link", f"GET {SPA_DEEP_LINK}", probes.http_get(base + SPA_DEEP_LINK, expect_html=True))
    )

    ctx.console.table(
        ["check", "target", "result", "detail"],
        [[name, target, "OK" if r.ok else "FAIL", r.detail] for name, target, r in rows],
    )
    failed = [name for name, _, r in rows if not r.ok]
    if failed:
        raise OpsError(f"verify: {len(failed)} of {len(rows)} checks failed: {', '.join(failed)}")
    ctx.console.step(f"all {len(rows)} checks passed")
