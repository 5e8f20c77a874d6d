"""ONE ALB routes /graphql* and /api/* (only through CloudFront) and serves gRPC on its own listener."""

from __future__ import annotations

from typing import Any

from tcm_terraform_hcl import (
    ENVIRONMENT_NAMES,
    MODULE_NAMES,
    SERVICE_PORTS,
    TerraformDir,
    block,
    blocks,
    expr,
    load_environment,
    load_module,
    platform_call,
    resolve_in_platform,
)


def _forward_target(rule: dict[str, Any]) -> str:
    action = block(rule, "action")
    assert action["type"] == "forward"
    return expr(action["target_group_arn"])


def test_one_alb_in_the_whole_configuration(alb_module: TerraformDir) -> None:
    assert list(alb_module.resources("aws_lb")) == ["this"]
    # Each environment calls the platform module once, and only the platform module calls the ALB's.
    alb_calls = []
    for env_name in ENVIRONMENT_NAMES:
        env = load_environment(env_name)
        assert platform_call(env)["source"] == "../../modules/platform"
        alb_calls += [(env_name, call) for call in env.module_calls_of("alb")]
    for name in MODULE_NAMES:
        alb_calls += [(name, call) for call in load_module(name).module_calls_of("alb")]
    assert alb_calls == [("platform", "alb")]


def test_https_listener_routes_paths_and_defaults_to_404(alb_module: TerraformDir) -> None:
    listeners = alb_module.resources("aws_lb_listener")
    https = listeners["https"]
    assert https["port"] == 443
    assert https["protocol"] == "HTTPS"
    assert expr(https["ssl_policy"]) == "var.ssl_policy"
    assert alb_module.variables["ssl_policy"]["default"].startswith("ELBSecurityPolicy-TLS13-1-2")
    default = block(https, "default_action")
    assert default["type"] == "fixed-response"
    assert block(default, "fixed_response")["status_code"] == "404"

    routes: dict[str, str] = {}
    for name, rule in alb_module.resources("aws_lb_listener_rule").items():
        assert expr(rule["listener_arn"]) == "aws_lb_listener.https.arn", name
        paths = [block(c, "path_pattern")["values"] for c in blocks(rule, "condition") if "path_pattern" in c]
        assert len(paths) == 1, name
        for path in paths[0]:
            routes[path] = _forward_target(rule)
    assert routes == {
        "/graphql*": "aws_lb_target_group.graphql.arn",
        "/api/*": "aws_lb_target_group.rest.arn",
    }


def test_browser_rules_require_the_cloudfront_origin_secret(alb_module: TerraformDir) -> None:
    for name, rule in alb_module.resources("aws_lb_listener_rule").items():
        headers = [block(c, "http_header") for c in blocks(rule, "condition") if "http_header" in c]
        assert headers == [
            {
                "http_header_name": "${var.origin_verify_header_name}",
                "values": ["${var.origin_verify_secret}"],
            }
        ], name
    assert alb_module.variables["origin_verify_secret"].get("sensitive") is True


def test_platform_wires_the_same_secret_into_alb_and_cloudfront(platform_module: TerraformDir) -> None:
    assert platform_module.modules["alb"]["origin_verify_secret"] == "${module.secrets.origin_verify_secret}"
    assert (
        platform_module.modules["frontend"]["origin_verify_secret"] == "${module.secrets.origin_verify_secret}"
    )
    alb_default = load_module("alb").variables
    assert (
        platform_module.modules["frontend"]["origin_verify_header_name"]
        == alb_default["origin_verify_header_name"]["default"]
    )


def test_grpc_listener_uses_a_grpc_target_group_with_health_check(alb_module: TerraformDir) -> None:
    listener = alb_module.resources("aws_lb_listener")["grpc"]
    assert expr(listener["port"]) == "var.grpc_port"
    assert alb_module.variables["grpc_port"]["default"] == 50051
    assert listener["protocol"] == "HTTPS"
    assert expr(listener["certificate_arn"]) == "var.certificate_arn"
    action = block(listener, "default_action")
    assert action["type"] == "forward"
    assert expr(action["target_group_arn"]) == "aws_lb_target_group.grpc.arn"

    group = alb_module.resources("aws_lb_target_group")["grpc"]
    assert group["protocol_version"] == "GRPC"
    assert expr(group["port"]) == "var.grpc_port"
    health = block(group, "health_check")
    assert health["path"] == "/grpc.health.v1.Health/Check"
    assert health["matcher"] == "0"
    assert health["enabled"] is True


def test_target_groups_follow_the_conventions(
    alb_module: TerraformDir, platform_module: TerraformDir, environment: TerraformDir
) -> None:
    groups = alb_module.resources("aws_lb_target_group")
    assert set(groups) == set(SERVICE_PORTS)
    alb_name = resolve_in_platform(platform_module.modules["alb"]["name"], environment)
    assert alb_name == f"tcm-{environment.path.name}"
    for svc, group in groups.items():
        assert group["name"] == f"${{var.name}}-{svc}"
        assert group["target_type"] == "ip"
        assert expr(group["port"]) == f"var.{svc}_port"
        passed = platform_module.modules["alb"][f"{svc}_port"]
        assert passed == f"${{local.services.{svc}.port}}"
        assert platform_module.locals["services"][svc]["port"] == SERVICE_PORTS[svc]
    assert groups["rest"]["protocol_version"] == "HTTP1"
    assert groups["graphql"]["protocol_version"] == "HTTP1"
    assert alb_module.resources("aws_lb")["this"]["name"] == "${var.name}"


def test_alb_is_hardened(alb_module: TerraformDir) -> None:
    assert "http" not in alb_module.resources("aws_lb_listener"), "browsers reach the ALB only through CloudFront"
    lb = alb_module.resources("aws_lb")["this"]
    assert lb["drop_invalid_header_fields"] is True
    assert expr(lb["enable_deletion_protection"]) == "var.deletion_protection"
    logs = block(lb, "access_logs")
    assert logs["enabled"] is True
    assert expr(logs["bucket"]) == "aws_s3_bucket.logs.id"


def test_services_register_in_their_own_target_group(platform_module: TerraformDir) -> None:
    call = platform_module.modules["service"]
    assert call["target_group_arn"] == "${module.alb.target_group_arns[each.key]}"
    outputs = load_module("alb").outputs
    assert outputs["target_group_arns"]["value"] == {
        "rest": "${aws_lb_target_group.rest.arn}",
        "graphql": "${aws_lb_target_group.graphql.arn}",
        "grpc": "${aws_lb_target_group.grpc.arn}",
    }


def test_cloudfront_sends_api_paths_to_the_alb_uncached() -> None:
    frontend = load_module("frontend")
    assert frontend.locals["api_path_patterns"] == ["/graphql*", "/api/*"]
    distribution = frontend.resources("aws_cloudfront_distribution")["this"]
    dynamic = [
        d["ordered_cache_behavior"] for d in blocks(distribution, "dynamic") if "ordered_cache_behavior" in d
    ]
    assert len(dynamic) == 1
    content = block(dynamic[0], "content")
    assert expr(dynamic[0]["for_each"]) == "local.api_path_patterns"
    assert expr(content["target_origin_id"]) == "local.alb_origin_id"
    assert expr(content["cache_policy_id"]) == "data.aws_cloudfront_cache_policy.caching_disabled.id"
    assert expr(content["origin_request_policy_id"]).startswith(
        "data.aws_cloudfront_origin_request_policy.all_viewer"
    )
    assert (
        frontend.data("aws_cloudfront_cache_policy")["caching_disabled"]["name"] == "Managed-CachingDisabled"
    )
    assert (
        frontend.data("aws_cloudfront_origin_request_policy")["all_viewer_except_host"]["name"]
        == "Managed-AllViewerExceptHostHeader"
    )
    assert "function_association" not in content, "the SPA fallback must not touch API paths"
    default = block(distribution, "default_cache_behavior")
    assert block(default, "function_association")["event_type"] == "viewer-request"
    assert "custom_error_response" not in distribution, "error rewrites would turn API 404s into index.html"
    origins = {expr(o["origin_id"]): o for o in blocks(distribution, "origin")}
    alb_origin = origins["local.alb_origin_id"]
    assert block(alb_origin, "custom_header") == {
        "name": "${var.origin_verify_header_name}",
        "value": "${var.origin_verify_secret}",
    }
    assert block(alb_origin, "custom_origin_config")["origin_protocol_policy"] == "https-only"
    assert "origin_access_control_id" in origins["local.s3_origin_id"]
