variable "environment" {
  description = "Environment name, passed to the application as TCM_ENVIRONMENT (development or production)."
  type        = string

  validation {
    condition     = contains(["development", "production"], var.environment)
    error_message = "environment must be development or production."
  }
}

variable "name_prefix" {
  description = "Prefix of every name, tcm-<environment>; the ECS service and task family are <name_prefix>-<service_name>."
  type        = string
}

variable "service_name" {
  description = "Service name (rest, graphql or grpc): container name, log stream prefix, suffix of the ECS names."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}$", var.service_name))
    error_message = "service_name must be lowercase letters, digits and dashes."
  }
}

variable "parameter_prefix" {
  description = "Path prefix of the SSM parameters, e.g. /tcm/development; the managed task definition ARNs go to <prefix>/task-definitions/<name>."
  type        = string
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster the service runs in (pass the one that depends on the cluster's capacity providers)."
  type        = string
}

variable "cluster_name" {
  description = "Name of the ECS cluster (part of the autoscaling resource id)."
  type        = string
}

variable "repository_url" {
  description = "ECR repository URL of the service's image, without tag."
  type        = string
}

variable "repository_arn" {
  description = "ECR repository ARN; the execution role may pull from this repository only."
  type        = string
}

variable "image_tag" {
  description = "Image tag (the service's release version) to run; tags are immutable."
  type        = string

  validation {
    condition     = length(var.image_tag) > 0 && var.image_tag != "latest"
    error_message = "image_tag must name a release; \"latest\" is not allowed (tags are immutable)."
  }
}

variable "container_port" {
  description = "Port the application listens on inside the task (passed as TCM_PORT)."
  type        = number
}

variable "cpu" {
  description = "Task CPU units (256 = 0.25 vCPU), shared by the application and the collector sidecar."
  type        = number
}

variable "memory" {
  description = "Task memory in MiB."
  type        = number
}

variable "cpu_architecture" {
  description = "CPU architecture of the image: X86_64 or ARM64."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "desired_count" {
  description = "Number of tasks when the service is created; autoscaling moves it between min_capacity and max_capacity afterwards."
  type        = number
}

variable "min_capacity" {
  description = "Autoscaling lower bound of running tasks."
  type        = number
}

variable "max_capacity" {
  description = "Autoscaling upper bound of running tasks."
  type        = number
}

variable "cpu_target_percent" {
  description = "Target average CPU utilisation of the service for target-tracking autoscaling."
  type        = number
}

variable "requests_per_target" {
  description = "Target ALB request count per task per minute for target-tracking autoscaling."
  type        = number
}

variable "capacity_provider" {
  description = "FARGATE, or FARGATE_SPOT for cheap interruptible capacity (development)."
  type        = string

  validation {
    condition     = contains(["FARGATE", "FARGATE_SPOT"], var.capacity_provider)
    error_message = "capacity_provider must be FARGATE or FARGATE_SPOT."
  }
}

variable "health_check_grace_period_seconds" {
  description = "Seconds the ALB health checks are ignored after a task starts (startup, migrations check)."
  type        = number
}

variable "vpc_id" {
  description = "VPC of the task security group."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR of the VPC; tasks may open PostgreSQL connections only inside it."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets the tasks run in (no public IP)."
  type        = list(string)
}

variable "alb_security_group_id" {
  description = "Security group of the ALB: the only source allowed to reach the container port."
  type        = string
}

variable "target_group_arn" {
  description = "ALB target group the service registers its tasks in."
  type        = string
}

variable "alb_arn_suffix" {
  description = "ARN suffix of the ALB (request-count autoscaling)."
  type        = string
}

variable "target_group_arn_suffix" {
  description = "ARN suffix of the target group (request-count autoscaling)."
  type        = string
}

variable "environment_variables" {
  description = "Plain environment variables of the application container (no secrets), e.g. TCM_DATABASE_HOST."
  type        = map(string)
}

variable "ssm_secrets" {
  description = "Secret environment variables read from SSM SecureString parameters: variable name -> parameter ARN. The execution role may read exactly these parameters."
  type        = map(string)
}

variable "secretsmanager_secrets" {
  description = "Secret environment variables read from a JSON key of a Secrets Manager secret: variable name -> { secret_arn, json_key }. The execution role may read exactly these secrets."
  type = map(object({
    secret_arn = string
    json_key   = string
  }))
  default = {}
}

variable "one_off_tasks" {
  description = "One-off task definitions from the service's image and settings (e.g. migrate): task name -> command, extra plain variables and SSM secrets (variable name -> parameter ARN)."
  type = map(object({
    command               = list(string)
    environment_variables = map(string)
    ssm_secrets           = map(string)
  }))
  default = {}
}

variable "kms_key_arn" {
  description = "KMS key of the SSM parameters, secrets and log groups (decrypt for the execution role)."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the service's log groups, in days."
  type        = number
}

variable "otel_collector_image" {
  description = "Image of the AWS Distro for OpenTelemetry collector sidecar (pinned tag)."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
