data "aws_region" "current" {}

data "aws_partition" "current" {}

locals {
  name              = "${var.name_prefix}-${var.service_name}"
  region            = data.aws_region.current.name
  collector_name    = "otel-collector"
  log_group_name    = "/ecs/${var.name_prefix}/${var.service_name}"
  metrics_log_group = "/ecs/${var.name_prefix}/${var.service_name}/metrics"

  # Set by the module for every service; the caller adds its own (database location, origins...).
  base_environment = {
    TCM_ENVIRONMENT             = var.environment
    TCM_PORT                    = tostring(var.container_port)
    OTEL_EXPORTER_OTLP_ENDPOINT = "http://localhost:4317"
    OTEL_EXPORTER_OTLP_PROTOCOL = "grpc"
    OTEL_SERVICE_NAME           = var.service_name
    OTEL_RESOURCE_ATTRIBUTES    = "deployment.environment=${var.environment},service.namespace=tcm"
  }
  app_environment = merge(var.environment_variables, local.base_environment)

  app_secrets = merge(
    { for name, arn in var.ssm_secrets : name => arn },
    { for name, s in var.secretsmanager_secrets : name => "${s.secret_arn}:${s.json_key}::" },
  )

  # Every SSM parameter a task of this module injects: the service's and its one-off tasks'.
  injected_parameters = distinct(concat(
    values(var.ssm_secrets),
    flatten([for task in values(var.one_off_tasks) : values(task.ssm_secrets)]),
  ))

  log_configuration = {
    logDriver = "awslogs"
    options = {
      awslogs-group         = local.log_group_name
      awslogs-region        = local.region
      awslogs-stream-prefix = var.service_name
    }
  }

  # One-off tasks (e.g. migrate): the service's image and settings, their own command and secrets
  # (the schema owner's password for migrate), no port, no sidecar.
  one_off_container_definitions = {
    for task, spec in var.one_off_tasks : task => [
      {
        name      = task
        image     = "${var.repository_url}:${var.image_tag}"
        essential = true
        command   = spec.command
        environment = [
          for name, value in merge(local.app_environment, { PEX_MODULE = "tcm_common.cli" }, spec.environment_variables) :
          { name = name, value = value } if !contains(keys(spec.ssm_secrets), name)
        ]
        secrets                = [for name in sort(keys(spec.ssm_secrets)) : { name = name, valueFrom = spec.ssm_secrets[name] }]
        readonlyRootFilesystem = true
        mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
        logConfiguration       = merge(local.log_configuration, { options = merge(local.log_configuration.options, { awslogs-stream-prefix = task }) })
      },
    ]
  }

  collector_config = templatefile("${path.module}/otel-collector.yaml", {
    region            = local.region
    environment       = var.environment
    service_name      = var.service_name
    metrics_log_group = local.metrics_log_group
  })

  container_definitions = [
    {
      name      = var.service_name
      image     = "${var.repository_url}:${var.image_tag}"
      essential = true
      portMappings = [
        {
          name          = var.service_name
          containerPort = var.container_port
          hostPort      = var.container_port
          protocol      = "tcp"
        },
      ]
      environment = [for name in sort(keys(local.app_environment)) : { name = name, value = local.app_environment[name] }]
      secrets     = [for name in sort(keys(local.app_secrets)) : { name = name, valueFrom = local.app_secrets[name] }]
      # Read-only image; /tmp is a task-local writable volume.
      readonlyRootFilesystem = true
      mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
      linuxParameters        = { initProcessEnabled = true }
      # SIGTERM, then this many seconds to drain in-flight requests before SIGKILL.
      stopTimeout      = 30
      dependsOn        = [{ containerName = local.collector_name, condition = "START" }]
      logConfiguration = local.log_configuration
    },
    {
      name      = local.collector_name
      image     = var.otel_collector_image
      essential = false
      # The ADOT image reads its whole configuration from this variable (not a secret).
      environment            = [{ name = "AOT_CONFIG_CONTENT", value = local.collector_config }]
      readonlyRootFilesystem = true
      mountPoints            = [{ sourceVolume = "otel-tmp", containerPath = "/tmp", readOnly = false }]
      memoryReservation      = 64
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = local.log_group_name
          awslogs-region        = local.region
          awslogs-stream-prefix = local.collector_name
        }
      }
    },
  ]
}

# --- Logs ----------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

# EMF metric events written by the collector (CloudWatch turns them into metrics).
resource "aws_cloudwatch_log_group" "metrics" {
  name              = local.metrics_log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

# --- IAM -----------------------------------------------------------------------------------------

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "execution_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# Only tasks of this account and region may assume the task role (confused-deputy protection).
data "aws_iam_policy_document" "task_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${data.aws_partition.current.partition}:ecs:${local.region}:${data.aws_caller_identity.current.account_id}:*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

# Execution role: what ECS itself needs to start the task (pull, log, inject secrets), nothing more.
resource "aws_iam_role" "execution" {
  name               = "${local.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.execution_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid = "PullOwnImage"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
    ]
    resources = [var.repository_arn]
  }

  statement {
    sid = "EcrLogin"
    #checkov:skip=CKV_AWS_356:ecr:GetAuthorizationToken has no resource-level permissions; AWS requires "*".
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  dynamic "statement" {
    for_each = length(local.injected_parameters) > 0 ? [1] : []

    content {
      sid       = "ReadOwnParameters"
      actions   = ["ssm:GetParameters"]
      resources = local.injected_parameters
    }
  }

  dynamic "statement" {
    for_each = length(var.secretsmanager_secrets) > 0 ? [1] : []

    content {
      sid       = "ReadOwnSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = distinct([for s in values(var.secretsmanager_secrets) : s.secret_arn])
    }
  }

  statement {
    sid       = "DecryptSecrets"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "start-task"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

# Task role: what the running containers may call. The application needs no AWS API at all; the
# collector sidecar sends traces to X-Ray and EMF metrics to its own log group.
resource "aws_iam_role" "task" {
  name               = "${local.name}-task"
  assume_role_policy = data.aws_iam_policy_document.task_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "task" {
  statement {
    sid = "SendTraces"
    #checkov:skip=CKV_AWS_356:X-Ray trace and sampling actions have no resource-level permissions; AWS requires "*".
    actions = [
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
      "xray:GetSamplingRules",
      "xray:GetSamplingTargets",
      "xray:GetSamplingStatisticSummaries",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "WriteMetricEvents"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = [aws_cloudwatch_log_group.metrics.arn, "${aws_cloudwatch_log_group.metrics.arn}:*"]
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "telemetry"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

# --- Network -------------------------------------------------------------------------------------

resource "aws_security_group" "this" {
  name        = "${local.name}-task"
  description = "${local.name} tasks: container port from the ALB only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${local.name}-task" })
}

resource "aws_vpc_security_group_ingress_rule" "from_alb" {
  security_group_id            = aws_security_group.this.id
  description                  = "Container port from the ALB"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = var.alb_security_group_id
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.this.id
  description       = "HTTPS to AWS APIs (ECR, SSM, Secrets Manager, CloudWatch, X-Ray)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "postgres" {
  security_group_id = aws_security_group.this.id
  description       = "PostgreSQL inside the VPC"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = var.vpc_cidr
}

# --- Task definition and service -----------------------------------------------------------------

resource "aws_ecs_task_definition" "this" {
  family                   = local.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode(local.container_definitions)

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  volume {
    name = "tmp"
  }

  volume {
    name = "otel-tmp"
  }

  tags = var.tags
}

# One-off task definitions (family <name_prefix>-<task>, e.g. tcm-production-migrate), run by tcm-ops.
resource "aws_ecs_task_definition" "one_off" {
  for_each = var.one_off_tasks

  family                   = "${var.name_prefix}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode(local.one_off_container_definitions[each.key])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  volume {
    name = "tmp"
  }

  tags = var.tags
}

# The revisions Terraform manages, published where tcm-ops reads them: a release (or `tcm-ops deploy`)
# starts from this revision and changes only the image, so settings, secrets, sizes and the sidecar
# registered by `terraform apply` reach the running service with the next release or deploy.
resource "aws_ssm_parameter" "task_definition" {
  for_each = merge(
    { (var.service_name) = aws_ecs_task_definition.this.arn },
    { for task, definition in aws_ecs_task_definition.one_off : task => definition.arn },
  )

  name        = "${var.parameter_prefix}/task-definitions/${each.key}"
  description = "Task definition revision Terraform manages for ${var.name_prefix}-${each.key} (read by tcm-ops)"
  type        = "SecureString"
  key_id      = var.kms_key_arn
  value       = each.value

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  name                              = local.name
  cluster                           = var.cluster_arn
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = var.desired_count
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = var.health_check_grace_period_seconds
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  capacity_provider_strategy {
    capacity_provider = var.capacity_provider
    weight            = 1
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = var.target_group_arn
    container_name   = var.service_name
    container_port   = var.container_port
  }

  tags = var.tags

  lifecycle {
    # Autoscaling owns the running count once the service exists. The running revision is deployed by
    # tcm-ops (release, deploy): Terraform's revision (published in aws_ssm_parameter.task_definition)
    # with the released image, so an apply never rolls a release back to the image tag it knows.
    ignore_changes = [desired_count, task_definition]
  }

  depends_on = [aws_iam_role_policy.execution]
}

# --- Autoscaling ---------------------------------------------------------------------------------

resource "aws_appautoscaling_target" "this" {
  service_namespace  = "ecs"
  resource_id        = "service/${var.cluster_name}/${aws_ecs_service.this.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.min_capacity
  max_capacity       = var.max_capacity

  tags = var.tags
}

resource "aws_appautoscaling_policy" "cpu" {
  name               = "${local.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.cpu_target_percent
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "requests" {
  name               = "${local.name}-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.requests_per_target
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${var.alb_arn_suffix}/${var.target_group_arn_suffix}"
    }
  }
}
