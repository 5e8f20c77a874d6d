"""The three services come from ONE module, and that module runs them as infra/terraform/README.md says."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from tcm_terraform_hcl import (
    ENVIRONMENT_NAMES,
    MODULE_NAMES,
    MODULES_ROOT,
    SERVICE_PORTS,
    TERRAFORM_ROOT,
    TerraformDir,
    block,
    blocks,
    expr,
    load_environment,
    load_module,
    platform_call,
    platform_inputs,
)


def test_all_three_services_come_from_the_one_service_module(
    environment: TerraformDir, platform_module: TerraformDir
) -> None:
    # The environment calls modules/platform, the only caller of modules/service, which calls it once.
    callers = [load_environment(name) for name in ENVIRONMENT_NAMES] + [load_module(name) for name in MODULE_NAMES]
    service_calls = [(tf.path.name, call) for tf in callers for call in tf.module_calls_of("service")]
    assert service_calls == [("platform", "service")], service_calls
    platform = platform_call(environment)
    call = platform_module.module_calls_of("service")["service"]
    assert expr(call["for_each"]) == "local.services"
    services = platform_module.locals["services"]
    assert set(services) == set(SERVICE_PORTS)
    for svc, port in SERVICE_PORTS.items():
        assert services[svc]["port"] == port, f"{svc} port"
        # Each service has its own image tag variable, in the platform module and in each environment.
        assert services[svc]["image_tag"] == f"${{var.{svc}_image_tag}}"
        assert f"{svc}_image_tag" in platform_module.variables
        assert "default" not in platform_module.variables[f"{svc}_image_tag"]
        assert platform[f"{svc}_image_tag"] == f"${{var.{svc}_image_tag}}"
        assert f"{svc}_image_tag" in environment.variables
    assert expr(call["service_name"]) == "each.key"
    assert expr(call["image_tag"]) == "each.value.image_tag"
    assert expr(call["container_port"]) == "each.value.port"


def test_no_ecs_service_is_defined_outside_the_service_module() -> None:
    pattern = re.compile(r'resource\s+"(aws_ecs_service|aws_ecs_task_definition)"')
    offenders = [
        str(tf.relative_to(TERRAFORM_ROOT))
        for tf in TERRAFORM_ROOT.rglob("*.tf")
        if pattern.search(tf.read_text(encoding="utf-8")) and tf.parent != MODULES_ROOT / "service"
    ]
    assert offenders == []


def test_service_names_follow_the_conventions(service_module: TerraformDir) -> None:
    assert service_module.locals["name"] == "${var.name_prefix}-${var.service_name}"
    service = service_module.resources("aws_ecs_service")["this"]
    task = service_module.resources("aws_ecs_task_definition")["this"]
    assert service["name"] == "${local.name}"
    assert task["family"] == "${local.name}"
    assert service_module.locals["log_group_name"] == "/ecs/${var.name_prefix}/${var.service_name}"
    assert service_module.resources("aws_cloudwatch_log_group")["this"]["name"] == "${local.log_group_name}"
    app = service_module.locals["container_definitions"][0]
    assert app["name"] == "${var.service_name}"
    assert block(service, "load_balancer")["container_name"] == "${var.service_name}"


def test_service_deploys_safely_and_scales(service_module: TerraformDir) -> None:
    service = service_module.resources("aws_ecs_service")["this"]
    breaker = block(service, "deployment_circuit_breaker")
    assert breaker["enable"] is True
    assert breaker["rollback"] is True
    assert expr(service["health_check_grace_period_seconds"]) == "var.health_check_grace_period_seconds"
    network = block(service, "network_configuration")
    assert network["assign_public_ip"] is False
    assert network["security_groups"] == ["${aws_security_group.this.id}"]
    policies = service_module.resources("aws_appautoscaling_policy")
    metric_types = {
        block(block(p, "target_tracking_scaling_policy_configuration"), "predefined_metric_specification")[
            "predefined_metric_type"
        ]
        for p in policies.values()
    }
    assert metric_types == {"ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget"}
    target = service_module.resources("aws_appautoscaling_target")["this"]
    assert target["scalable_dimension"] == "ecs:service:DesiredCount"


def test_read_only_root_filesystem_has_a_writable_tmp(service_module: TerraformDir) -> None:
    task = service_module.resources("aws_ecs_task_definition")["this"]
    volumes = {v["name"] for v in blocks(task, "volume")}
    for container in service_module.locals["container_definitions"]:
        assert container["readonlyRootFilesystem"] is True, container["name"]
        mounts = {m["containerPath"]: m for m in container["mountPoints"]}
        tmp = mounts.get("/tmp")  # noqa: S108 - the container path, not a file of this test
        assert tmp is not None, container["name"]
        assert tmp["readOnly"] is False, container["name"]
        assert tmp["sourceVolume"] in volumes


def test_application_gets_its_settings_from_env_and_secrets(
    environment: TerraformDir, platform_module: TerraformDir, service_module: TerraformDir
) -> None:
    base = service_module.locals["base_environment"]
    assert base["TCM_ENVIRONMENT"] == "${var.environment}"
    assert base["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://localhost:4317"
    call = platform_module.modules["service"]
    assert call["environment"] == "${var.environment}"
    assert platform_inputs(environment)["environment"] == environment.path.name
    plain = call["environment_variables"]
    assert {"TCM_DATABASE_HOST", "TCM_DATABASE_PORT", "TCM_DATABASE_NAME"} <= set(plain)
    # The login role alternates on rotation (tcm-ops rotate-db-password), so it is read from SSM too.
    assert "TCM_DATABASE_USER" not in plain
    assert not any("PASSWORD" in name or "KEY" in name for name in plain), (
        "secrets must not be plain variables"
    )
    secrets = call["ssm_secrets"]
    for name in ("TCM_DATABASE_USER", "TCM_DATABASE_PASSWORD", "TCM_JWT_PUBLIC_KEYS"):
        assert f'\\"{name}\\"' in secrets or f'"{name}"' in secrets, f"{name} not in ssm_secrets"
    signing = platform_module.locals["signing_key_secrets"]
    assert set(signing) == {"TCM_JWT_PRIVATE_KEY", "TCM_JWT_PRIVATE_KEY_ID"}
    assert "local.signing_key_secrets" in secrets
    assert "if each.value.issues_tokens" in secrets
    issuers = {svc for svc, spec in platform_module.locals["services"].items() if spec["issues_tokens"]}
    assert issuers == {"rest", "graphql"}, "only the services that log users in get the private key"


def test_secrets_are_ssm_secure_strings(platform_module: TerraformDir) -> None:
    call = platform_module.modules["service"]
    assert "module.database.application_password_parameter_arn" in call["ssm_secrets"]
    assert "module.secrets.jwt_public_keys_parameter_arn" in call["ssm_secrets"]
    parameters = {
        **load_module("secrets").resources("aws_ssm_parameter"),
        **load_module("database").resources("aws_ssm_parameter"),
        **load_module("service").resources("aws_ssm_parameter"),
    }
    assert set(parameters) == {
        "jwt_private_key",
        "jwt_public_keys",
        "jwt_private_key_id",
        "master_password",
        "application_user",
        "application_password",
        "task_definition",
    }
    for name, param in parameters.items():
        assert param["type"] == "SecureString", name
        assert param.get("key_id"), f"{name} is not encrypted with the environment's key"


def test_execution_role_reads_only_the_injected_parameters(service_module: TerraformDir) -> None:
    doc = service_module.data("aws_iam_policy_document")["execution"]
    dynamic = {
        d["statement"]["content"][0]["sid"]: d["statement"]["content"][0] for d in blocks(doc, "dynamic")
    }
    # Exactly the parameters the service and its one-off tasks inject (test_one_off_tasks_... below).
    assert dynamic["ReadOwnParameters"]["resources"] == "${local.injected_parameters}"
    assert dynamic["ReadOwnParameters"]["actions"] == ["ssm:GetParameters"]
    statements = {s["sid"]: s for s in blocks(doc, "statement")}
    assert statements["PullOwnImage"]["resources"] == ["${var.repository_arn}"]
    # No AWS-managed execution policy (it allows pulling from every repository).
    assert not service_module.resources("aws_iam_role_policy_attachment")


def test_collector_sidecar_sends_traces_to_xray(service_module: TerraformDir) -> None:
    collector = service_module.locals["container_definitions"][1]
    assert collector["name"] == "${local.collector_name}"
    assert service_module.locals["collector_name"] == "otel-collector"
    assert collector["environment"][0]["name"] == "AOT_CONFIG_CONTENT"
    assert collector["environment"][0]["value"] == "${local.collector_config}"
    assert 'templatefile("${path.module}/otel-collector.yaml"' in service_module.text()
    app = service_module.locals["container_definitions"][0]
    assert app["dependsOn"] == [{"containerName": "${local.collector_name}", "condition": "START"}]

    template = (Path(service_module.path) / "otel-collector.yaml").read_text(encoding="utf-8")
    rendered = re.sub(r"\$\{(\w+)\}", lambda m: f"test-{m.group(1)}", template)
    assert "${" not in rendered
    config = yaml.safe_load(rendered)
    assert config["receivers"]["otlp"]["protocols"]["grpc"]["endpoint"] == "127.0.0.1:4317"
    assert "awsxray" in config["exporters"]
    assert "awsemf" in config["exporters"]
    pipelines = config["service"]["pipelines"]
    assert pipelines["traces"]["receivers"] == ["otlp"]
    assert pipelines["traces"]["exporters"] == ["awsxray"]
    assert pipelines["metrics"]["exporters"] == ["awsemf"]
    for pipeline in pipelines.values():
        assert set(pipeline["processors"]) <= set(config["processors"])
    assert config["exporters"]["awsemf"]["log_group_name"] == "test-metrics_log_group"
    task_doc = service_module.data("aws_iam_policy_document")["task"]
    actions = {a for s in blocks(task_doc, "statement") for a in s["actions"]}
    assert {"xray:PutTraceSegments", "xray:PutTelemetryRecords"} <= actions


def test_services_connect_as_the_application_role_and_only_migrate_gets_the_owner(
    platform_module: TerraformDir,
) -> None:
    call = platform_module.modules["service"]
    secrets = call["ssm_secrets"]
    assert '"TCM_DATABASE_USER": "${module.database.application_user_parameter_arn}"' in secrets
    assert '"TCM_DATABASE_PASSWORD": "${module.database.application_password_parameter_arn}"' in secrets
    assert "password_parameter_arn" not in secrets.replace("application_password_parameter_arn", "")
    # The one-off migrate task: the owner's name and password, plus the application role it grants.
    migrate = platform_module.locals["one_off_tasks"]["migrate"]
    assert migrate["command"] == ["migrate"]
    assert migrate["environment_variables"] == {
        "TCM_DATABASE_USER": "${module.database.master_username}",
        "TCM_DATABASE_APP_ROLE": "${module.database.application_role}",
    }
    assert migrate["ssm_secrets"] == {
        "TCM_DATABASE_PASSWORD": "${module.database.password_parameter_arn}",
        "TCM_DATABASE_APP_USER": "${module.database.application_user_parameter_arn}",
        "TCM_DATABASE_APP_PASSWORD": "${module.database.application_password_parameter_arn}",
    }
    assert platform_module.locals["one_off_task_service"] == "rest"
    assert "if each.key == local.one_off_task_service" in call["one_off_tasks"]
    database = load_module("database")
    parameters = database.resources("aws_ssm_parameter")
    assert parameters["application_user"]["name"] == "${var.parameter_prefix}/database/app-user"
    assert parameters["application_password"]["name"] == "${var.parameter_prefix}/database/app-password"
    assert parameters["application_user"]["value_wo"] == "${var.application_role}_blue"
    assert "ephemeral.random_password.application.result" in parameters["application_password"]["value_wo"]
    for name in ("application_user", "application_password"):
        # Written once; tcm-ops rotate-db-password owns the value afterwards.
        assert parameters[name]["value_wo_version"] == 1, name


def test_one_off_tasks_and_the_execution_role(service_module: TerraformDir) -> None:
    one_off = service_module.resources("aws_ecs_task_definition")["one_off"]
    assert expr(one_off["for_each"]) == "var.one_off_tasks"
    assert one_off["family"] == "${var.name_prefix}-${each.key}"
    container = service_module.locals["one_off_container_definitions"]
    text = str(container)
    for fragment in ("var.repository_url", "var.image_tag", "PEX_MODULE", "tcm_common.cli", "spec.ssm_secrets"):
        assert fragment in text, fragment
    injected = expr(service_module.locals["injected_parameters"])
    assert "values(var.ssm_secrets)" in injected
    assert "task.ssm_secrets" in injected


def test_terraform_publishes_the_revisions_it_manages_for_tcm_ops(service_module: TerraformDir) -> None:
    parameter = service_module.resources("aws_ssm_parameter")["task_definition"]
    assert parameter["name"] == "${var.parameter_prefix}/task-definitions/${each.key}"
    assert parameter["value"] == "${each.value}"
    for_each = expr(parameter["for_each"])
    assert "aws_ecs_task_definition.this.arn" in for_each
    assert "aws_ecs_task_definition.one_off" in for_each
    service = service_module.resources("aws_ecs_service")["this"]
    # tcm-ops deploys Terraform's revision with the released image; an apply never rolls a release back.
    assert block(service, "lifecycle")["ignore_changes"] == ["${desired_count}", "${task_definition}"] or set(
        map(expr, block(service, "lifecycle")["ignore_changes"])
    ) == {"desired_count", "task_definition"}


def test_services_wait_for_the_clusters_capacity_providers(platform_module: TerraformDir) -> None:
    cluster = load_module("ecs-cluster")
    output = cluster.outputs["cluster_arn"]
    assert output["depends_on"] == ["${aws_ecs_cluster_capacity_providers.this}"]
    assert platform_module.modules["service"]["cluster_arn"] == "${module.ecs_cluster.cluster_arn}"
    service = load_module("service").resources("aws_ecs_service")["this"]
    assert service["cluster"] == "${var.cluster_arn}"
    strategy = block(service, "capacity_provider_strategy")
    assert strategy["capacity_provider"] == "${var.capacity_provider}"


def test_services_verify_the_database_certificate(platform_module: TerraformDir) -> None:
    plain = platform_module.modules["service"]["environment_variables"]
    assert plain["TCM_DATABASE_SSL_MODE"] == "verify-full"
    assert plain["TCM_DATABASE_SSL_ROOT_CERT"] == "${local.rds_ca_bundle_path}"
    bundle = platform_module.locals["rds_ca_bundle_path"]
    for svc in SERVICE_PORTS:
        dockerfile = (TERRAFORM_ROOT.parents[1] / "services" / svc / "Dockerfile").read_text(encoding="utf-8")
        assert bundle in dockerfile, f"services/{svc}/Dockerfile does not put the RDS CA bundle at {bundle}"


def test_each_environment_states_its_trace_sampling(platform_module: TerraformDir) -> None:
    plain = platform_module.modules["service"]["environment_variables"]
    assert plain["TCM_TRACE_SAMPLE_RATIO"] == "${tostring(var.trace_sample_ratio)}"
    assert "default" not in platform_module.variables["trace_sample_ratio"]
    ratios = {name: platform_inputs(load_environment(name))["trace_sample_ratio"] for name in ENVIRONMENT_NAMES}
    assert ratios == {"development": 1, "production": 0.05}
