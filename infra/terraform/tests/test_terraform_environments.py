"""Environments expose the outputs tools/ops reads, use the agreed names, and differ as SPEC 5 says."""

from __future__ import annotations

import pytest
from tcm_terraform_hcl import (
    SERVICE_PORTS,
    TERRAFORM_ROOT,
    TerraformDir,
    block,
    expr,
    load_environment,
    load_module,
    load_tfvars,
    platform_call,
    platform_inputs,
    resolve_in_platform,
)

# docs/conventions.md, "Terraform outputs of each environment": tools/ops reads these names.
CONVENTION_OUTPUTS = {
    "environment",
    "aws_region",
    "cluster_name",
    "service_names",
    "task_definition_families",
    "container_names",
    "ecr_repository_urls",
    "log_group_names",
    "private_subnet_ids",
    "task_security_group_ids",
    "frontend_bucket_name",
    "cloudfront_distribution_id",
    "cloudfront_domain_name",
    "alb_dns_name",
    "public_base_url",
    "grpc_endpoint",
}
PER_SERVICE_OUTPUTS = {
    "service_names": "service_name",
    "task_definition_families": "task_definition_family",
    "container_names": "container_name",
    "log_group_names": "log_group_name",
    "task_security_group_ids": "security_group_id",
}


# Outputs an environment states itself; every other convention output passes modules/platform's through.
ENVIRONMENT_OWN_OUTPUTS = {"environment", "aws_region"}


def test_environment_outputs_the_convention_names(environment: TerraformDir) -> None:
    missing = CONVENTION_OUTPUTS - set(environment.outputs)
    assert not missing, f"{environment.path.name} lacks outputs {sorted(missing)}"
    assert environment.outputs["environment"]["value"] == "${local.environment}"
    assert environment.locals["environment"] == environment.path.name
    assert environment.outputs["aws_region"]["value"] == "${var.aws_region}"
    for name, output in environment.outputs.items():
        if name not in ENVIRONMENT_OWN_OUTPUTS:
            assert output["value"] == f"${{module.platform.{name}}}", f"{environment.path.name}: output {name}"
    for output in environment.outputs.values():
        assert not output.get("sensitive"), "tools/ops reads every output with terraform output -json"


def test_platform_outputs_what_the_environments_pass_through(platform_module: TerraformDir) -> None:
    outputs = platform_module.outputs
    missing = CONVENTION_OUTPUTS - ENVIRONMENT_OWN_OUTPUTS - set(outputs)
    assert not missing, f"modules/platform lacks outputs {sorted(missing)}"
    assert outputs["cluster_name"]["value"] == "${module.ecs_cluster.cluster_name}"
    assert outputs["private_subnet_ids"]["value"] == "${module.networking.private_subnet_ids}"
    assert outputs["ecr_repository_urls"]["value"] == "${module.ecr.repository_urls}"
    assert outputs["frontend_bucket_name"]["value"] == "${module.frontend.bucket_name}"
    assert outputs["cloudfront_distribution_id"]["value"] == "${module.frontend.distribution_id}"
    assert outputs["cloudfront_domain_name"]["value"] == "${module.frontend.distribution_domain_name}"
    assert outputs["alb_dns_name"]["value"] == "${module.alb.alb_dns_name}"
    assert outputs["public_base_url"]["value"] == "${module.dns_cert.public_base_url}"
    assert outputs["grpc_endpoint"]["value"] == "${module.dns_cert.grpc_domain_name}:${module.alb.grpc_port}"
    for output in outputs.values():
        assert not output.get("sensitive"), "tools/ops reads every output with terraform output -json"


def test_per_service_outputs_are_maps_over_the_service_module(platform_module: TerraformDir) -> None:
    service_outputs = load_module("service").outputs
    for output, attribute in PER_SERVICE_OUTPUTS.items():
        value = expr(platform_module.outputs[output]["value"]).replace(" ", "")
        assert value == f"{{forsvc,serviceinmodule.service:svc=>service.{attribute}}}", output
        assert attribute in service_outputs


def test_names_follow_the_conventions(environment: TerraformDir, platform_module: TerraformDir) -> None:
    env_name = environment.path.name
    assert platform_call(environment)["environment"] == "${local.environment}"
    assert platform_inputs(environment)["environment"] == env_name
    assert resolve_in_platform("${local.name}", environment) == f"tcm-{env_name}"
    assert resolve_in_platform("${local.parameter_prefix}", environment) == f"/tcm/{env_name}"
    for call in ("ecs_cluster", "alb", "frontend", "database", "networking", "secrets", "observability"):
        assert resolve_in_platform(platform_module.modules[call]["name"], environment) == f"tcm-{env_name}", call
    assert load_module("ecs-cluster").resources("aws_ecs_cluster")["this"]["name"] == "${var.name}"
    assert resolve_in_platform(platform_module.modules["service"]["name_prefix"], environment) == f"tcm-{env_name}"
    repos = expr(platform_module.modules["ecr"]["repository_names"]).replace(" ", "")
    assert (
        repos == '{forsvcinkeys(local.services):svc=>"tcm/${svc}"}'
        or repos == "{forsvcinkeys(local.services):svc=>tcm/${svc}}"
    )
    frontend = load_module("frontend")
    assert frontend.locals["site_bucket_name"] == "${var.name}-frontend-${local.account_id}"
    assert frontend.locals["account_id"] == "${data.aws_caller_identity.current.account_id}"
    assert frontend.resources("aws_s3_bucket")["site"]["bucket"] == "${local.site_bucket_name}"


def test_ports_are_the_agreed_ones(platform_module: TerraformDir) -> None:
    assert {svc: spec["port"] for svc, spec in platform_module.locals["services"].items()} == SERVICE_PORTS


def _settings(env_name: str) -> dict[str, object]:
    """The literal settings an environment gives modules/platform."""
    return platform_inputs(load_environment(env_name))


def test_production_is_highly_available_and_protected() -> None:
    prod = _settings("production")
    assert prod["multi_az"] is True
    assert prod["deletion_protection"] is True
    assert prod["single_nat_gateway"] is False
    assert prod["enable_vpc_endpoints"] is True
    assert prod["capacity_provider"] == "FARGATE"
    assert prod["min_tasks"] == 3
    assert prod["desired_count"] == 3
    env = load_environment("production")
    assert len(env.variables["availability_zones"]["default"]) >= 2


def test_development_is_small() -> None:
    dev = _settings("development")
    assert dev["multi_az"] is False
    assert dev["deletion_protection"] is False
    assert dev["single_nat_gateway"] is True
    assert dev["capacity_provider"] == "FARGATE_SPOT"
    assert dev["desired_count"] == 1


def test_environment_states_every_difference(environment: TerraformDir, platform_module: TerraformDir) -> None:
    # What differs between the environments has no default in modules/platform: each states it.
    required = {name for name, spec in platform_module.variables.items() if "default" not in spec}
    assert {
        "multi_az",
        "deletion_protection",
        "single_nat_gateway",
        "enable_vpc_endpoints",
        "capacity_provider",
        "min_tasks",
        "desired_count",
    } <= required
    assert required <= set(platform_call(environment)), environment.path.name


def test_protection_settings_reach_the_resources(platform_module: TerraformDir) -> None:
    calls = platform_module.modules
    assert calls["database"]["multi_az"] == "${var.multi_az}"
    assert calls["database"]["deletion_protection"] == "${var.deletion_protection}"
    assert calls["alb"]["deletion_protection"] == "${var.deletion_protection}"
    assert calls["networking"]["single_nat_gateway"] == "${var.single_nat_gateway}"
    assert calls["networking"]["enable_vpc_endpoints"] == "${var.enable_vpc_endpoints}"
    assert calls["service"]["min_capacity"] == "${var.min_tasks}"
    assert calls["service"]["desired_count"] == "${var.desired_count}"
    assert calls["service"]["capacity_provider"] == "${var.capacity_provider}"
    assert calls["ecs_cluster"]["default_capacity_provider"] == "${var.capacity_provider}"
    db = load_module("database").resources("aws_db_instance")["this"]
    assert db["multi_az"] == "${var.multi_az}"
    assert db["deletion_protection"] == "${var.deletion_protection}"
    assert db["storage_encrypted"] is True
    assert db["performance_insights_enabled"] is True
    assert expr(db["backup_retention_period"]) == "var.backup_retention_days"
    networking = load_module("networking")
    assert expr(networking.locals["nat_count"]) == "var.single_nat_gateway ? 1 : local.az_count"
    assert networking.resources("aws_flow_log")["this"]["traffic_type"] == "ALL"


def test_database_forces_tls_and_logs_slow_statements() -> None:
    group = load_module("database").resources("aws_db_parameter_group")["this"]
    parameters = {p["name"]: p["value"] for p in group["parameter"]}
    assert parameters["rds.force_ssl"] == "1"
    assert expr(parameters["log_min_duration_statement"]) == "tostring(var.slow_statement_ms)"


def test_cluster_has_insights_and_both_fargate_providers() -> None:
    cluster = load_module("ecs-cluster")
    setting = block(cluster.resources("aws_ecs_cluster")["this"], "setting")
    assert setting["name"] == "containerInsights"
    assert expr(setting["value"]) == "var.container_insights"
    providers = cluster.resources("aws_ecs_cluster_capacity_providers")["this"]["capacity_providers"]
    assert providers == ["FARGATE", "FARGATE_SPOT"]


def test_ecr_repositories_are_immutable_and_scanned() -> None:
    repo = load_module("ecr").resources("aws_ecr_repository")["this"]
    assert repo["image_tag_mutability"] == "IMMUTABLE"
    assert block(repo, "image_scanning_configuration")["scan_on_push"] is True
    assert "this" in load_module("ecr").resources("aws_ecr_lifecycle_policy")


@pytest.mark.parametrize(
    "alarm",
    ["alb_5xx_rate", "target_response_time", "unhealthy_hosts", "rds_cpu", "rds_free_storage"],
)
def test_observability_alarms_notify_the_topic(alarm: str) -> None:
    alarms = load_module("observability").resources("aws_cloudwatch_metric_alarm")
    assert alarm in alarms
    assert alarms[alarm]["alarm_actions"] == "${local.actions}"
    assert load_module("observability").locals["actions"] == ["${aws_sns_topic.alarms.arn}"]


def test_production_vpc_endpoints_cover_ecr_logs_ssm_and_s3() -> None:
    networking = load_module("networking")
    endpoints = expr(networking.locals["interface_endpoints"])
    assert endpoints.startswith("var.enable_vpc_endpoints ? toset([")
    # python-hcl2 drops the quotes of strings inside expressions: toset([ecr.api, ...])
    listed = {item.strip().strip('"') for item in endpoints.split("[", 1)[1].split("]", 1)[0].split(",")}
    assert {"ecr.api", "ecr.dkr", "logs", "ssm"} <= listed, listed
    s3 = networking.resources("aws_vpc_endpoint")["s3"]
    assert s3["vpc_endpoint_type"] == "Gateway"
    assert s3["service_name"].endswith(".s3")
    assert expr(s3["count"]) == "var.enable_vpc_endpoints ? 1 : 0"


def test_backend_example_names_the_state_kms_key(environment: TerraformDir) -> None:
    bootstrap = TerraformDir.load(TERRAFORM_ROOT / "bootstrap")
    alias = bootstrap.resources("aws_kms_alias")["state"]["name"]
    assert alias == "alias/tcm-terraform-state"
    example = load_tfvars(environment.path / "backend.hcl.example")
    assert set(example) == {"bucket", "region", "kms_key_id"}
    assert str(example["kms_key_id"]).startswith("arn:aws:kms:")
    assert str(example["kms_key_id"]).endswith(f":{alias}")
    assert example["region"] in str(example["kms_key_id"])
    encryption = bootstrap.resources("aws_s3_bucket_server_side_encryption_configuration")["state"]
    rule = block(block(encryption, "rule"), "apply_server_side_encryption_by_default")
    assert rule["kms_master_key_id"] == "${aws_kms_key.state.arn}"
    assert bootstrap.outputs["state_kms_key_arn"]["value"] == "${aws_kms_key.state.arn}"


def test_readme_names_the_signing_key_type_terraform_generates() -> None:
    key = load_module("secrets").text()
    assert 'algorithm = "ED25519"' in key
    readme = (TERRAFORM_ROOT / "README.md").read_text(encoding="utf-8")
    assert "Ed25519" in readme
    assert "ECDSA" not in readme
    assert "P-256" not in readme
