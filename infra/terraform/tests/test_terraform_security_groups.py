"""Tasks accept only the ALB, the database only the tasks, the ALB only CloudFront (443) and listed gRPC
clients; nothing is open to the whole internet."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tcm_terraform_hcl import (
    ENVIRONMENTS_ROOT,
    MODULE_NAMES,
    TerraformDir,
    block,
    blocks,
    expr,
    load_environment,
    load_module,
    load_platform,
    load_tfvars,
    platform_call,
)

WORLD_PORTS: set[int] = set()


@dataclass(frozen=True)
class Ingress:
    where: str
    sources: tuple[str, ...]
    from_port: object
    to_port: object
    protocol: str
    referenced_sg: str | None
    prefix_list: str | None = None


def ingress_rules(tf: TerraformDir) -> Iterator[Ingress]:
    """Every ingress rule of a module, whichever of the three Terraform forms it is written in."""
    for name, sg in tf.resources("aws_security_group").items():
        for rule in blocks(sg, "ingress"):
            sources = tuple(rule.get("cidr_blocks", []) or []) + tuple(rule.get("ipv6_cidr_blocks", []) or [])
            yield Ingress(
                f"aws_security_group.{name}",
                sources,
                rule.get("from_port"),
                rule.get("to_port"),
                str(rule.get("protocol")),
                None,
            )
    for name, rule in tf.resources("aws_security_group_rule").items():
        if rule.get("type") != "ingress":
            continue
        sources = tuple(rule.get("cidr_blocks", []) or []) + tuple(rule.get("ipv6_cidr_blocks", []) or [])
        yield Ingress(
            f"aws_security_group_rule.{name}",
            sources,
            rule.get("from_port"),
            rule.get("to_port"),
            str(rule.get("protocol")),
            rule.get("source_security_group_id"),
        )
    for name, rule in tf.resources("aws_vpc_security_group_ingress_rule").items():
        sources = tuple(v for v in (rule.get("cidr_ipv4"), rule.get("cidr_ipv6")) if v)
        yield Ingress(
            f"aws_vpc_security_group_ingress_rule.{name}",
            sources,
            rule.get("from_port"),
            rule.get("to_port"),
            str(rule.get("ip_protocol")),
            rule.get("referenced_security_group_id"),
            rule.get("prefix_list_id"),
        )


def is_world(source: str) -> bool:
    try:
        return ipaddress.ip_network(source, strict=False).prefixlen == 0
    except ValueError:
        return False


def test_nothing_is_open_to_the_world() -> None:
    world_rules = []
    unresolved = []
    for module_name in MODULE_NAMES:
        for rule in ingress_rules(load_module(module_name)):
            for source in rule.sources:
                if is_world(source):
                    world_rules.append((module_name, rule))
                    assert rule.protocol == "tcp", rule
                    ports = f"{rule.from_port}-{rule.to_port}"
                    opened = f"modules/{module_name} {rule.where} opens {ports} to {source}"
                    assert rule.from_port == rule.to_port, opened
                    assert rule.from_port in WORLD_PORTS, opened
                elif "${" in source:
                    unresolved.append((module_name, rule.where, source))
                else:
                    ipaddress.ip_network(source, strict=False)  # a literal must at least be a CIDR
    assert world_rules == []
    # Computed sources are allowed only where a variable guarantees they are not the world (below).
    assert sorted(unresolved) == [
        ("alb", "aws_vpc_security_group_ingress_rule.grpc", "${each.value}"),
        ("networking", "aws_vpc_security_group_ingress_rule.endpoints_https", "${aws_vpc.this.cidr_block}"),
    ]


def test_alb_accepts_https_only_from_cloudfronts_origin_facing_prefix_list(alb_module: TerraformDir) -> None:
    rules = {rule.where: rule for rule in ingress_rules(alb_module)}
    https = rules["aws_vpc_security_group_ingress_rule.https"]
    assert (https.from_port, https.to_port, https.protocol) == (443, 443, "tcp")
    assert https.sources == ()
    assert https.prefix_list == "${data.aws_ec2_managed_prefix_list.cloudfront_origin_facing.id}"
    prefix_list = alb_module.data("aws_ec2_managed_prefix_list")["cloudfront_origin_facing"]
    assert prefix_list["name"] == "com.amazonaws.global.cloudfront.origin-facing"
    # Browsers come only through CloudFront (https-only to its ALB origin): no port 80 at all.
    assert sorted(rules) == [
        "aws_vpc_security_group_ingress_rule.grpc",
        "aws_vpc_security_group_ingress_rule.https",
    ]
    assert {listener["port"] for listener in alb_module.resources("aws_lb_listener").values()} == {
        443,
        "${var.grpc_port}",
    }
    origin = block(
        next(o for o in blocks(load_module("frontend").resources("aws_cloudfront_distribution")["this"], "origin")
             if expr(o["origin_id"]) == "local.alb_origin_id"),
        "custom_origin_config",
    )  # fmt: skip
    assert origin["origin_protocol_policy"] == "https-only"


def test_grpc_port_is_open_only_to_listed_cidrs(alb_module: TerraformDir) -> None:
    rule = alb_module.resources("aws_vpc_security_group_ingress_rule")["grpc"]
    assert expr(rule["for_each"]) == "toset(var.grpc_allowed_cidrs)"
    assert expr(rule["from_port"]) == "var.grpc_port" == expr(rule["to_port"])
    variable = alb_module.variables["grpc_allowed_cidrs"]
    assert variable["default"] == []
    condition = variable["validation"][0]["condition"]
    assert "cidrhost(c, 0)" in condition, "validation must require CIDR blocks"
    assert "[1]) > 0" in condition, "validation must refuse /0 networks"


@pytest.mark.parametrize("env_name", ["development", "production"])
def test_environments_never_open_grpc_to_the_world(env_name: str) -> None:
    env = load_environment(env_name)
    assert env.variables["grpc_allowed_cidrs"]["default"] == []
    assert platform_call(env)["grpc_allowed_cidrs"] == "${var.grpc_allowed_cidrs}"
    platform = load_platform()
    assert platform.variables["grpc_allowed_cidrs"]["default"] == []
    assert platform.modules["alb"]["grpc_allowed_cidrs"] == "${var.grpc_allowed_cidrs}"
    example = load_tfvars(ENVIRONMENTS_ROOT / env_name / "terraform.tfvars.example")
    for cidr in example.get("grpc_allowed_cidrs", []):
        assert not is_world(cidr), f"{env_name} example opens gRPC to {cidr}"


def test_tasks_accept_only_the_alb_security_group(
    service_module: TerraformDir, platform_module: TerraformDir
) -> None:
    rules = list(ingress_rules(service_module))
    assert len(rules) == 1
    (rule,) = rules
    assert rule.sources == ()
    assert rule.referenced_sg == "${var.alb_security_group_id}"
    assert expr(rule.from_port) == "var.container_port" == expr(rule.to_port)
    assert not blocks(service_module.resources("aws_security_group")["this"], "ingress")
    # ...and the platform module gives the ALB's group, which the ALB module outputs as its own.
    assert platform_module.modules["service"]["alb_security_group_id"] == "${module.alb.security_group_id}"
    assert load_module("alb").outputs["security_group_id"]["value"] == "${aws_security_group.this.id}"
    assert load_module("alb").resources("aws_lb")["this"]["security_groups"] == [
        "${aws_security_group.this.id}"
    ]


def test_database_accepts_only_the_task_security_groups(
    database_module: TerraformDir, platform_module: TerraformDir
) -> None:
    rules = list(ingress_rules(database_module))
    assert len(rules) == 1
    (rule,) = rules
    assert rule.sources == ()
    assert rule.referenced_sg == "${each.value}"
    resource = database_module.resources("aws_vpc_security_group_ingress_rule")["clients"]
    assert expr(resource["for_each"]) == "var.client_security_group_ids"
    assert rule.from_port == 5432 == rule.to_port or expr(rule.from_port) == "local.port"
    instance = database_module.resources("aws_db_instance")["this"]
    assert instance["publicly_accessible"] is False
    assert instance["vpc_security_group_ids"] == ["${aws_security_group.this.id}"]
    passed = platform_module.modules["database"]["client_security_group_ids"]
    assert expr(passed).replace(" ", "") == "{forsvc,serviceinmodule.service:svc=>service.security_group_id}"
    assert load_module("service").outputs["security_group_id"]["value"] == "${aws_security_group.this.id}"


def test_task_egress_is_https_and_postgres_in_the_vpc(service_module: TerraformDir) -> None:
    egress = service_module.resources("aws_vpc_security_group_egress_rule")
    assert {(r["from_port"], r["to_port"], r["cidr_ipv4"]) for r in egress.values()} == {
        (443, 443, "0.0.0.0/0"),
        (5432, 5432, "${var.vpc_cidr}"),
    }


def test_detector_flags_an_open_postgres_rule(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_vpc_security_group_ingress_rule" "db" {\n'
        '  security_group_id = "sg-1"\n  ip_protocol = "tcp"\n  from_port = 5432\n  to_port = 5432\n'
        '  cidr_ipv4 = "0.0.0.0/0"\n}\n'
        'resource "aws_security_group" "old" {\n  ingress {\n    from_port = 0\n    to_port = 65535\n'
        '    protocol = "tcp"\n    ipv6_cidr_blocks = ["::/0"]\n  }\n}\n',
        encoding="utf-8",
    )
    rules = list(ingress_rules(TerraformDir.load(tmp_path)))
    world = [r for r in rules if any(is_world(s) for s in r.sources)]
    assert len(world) == 2
