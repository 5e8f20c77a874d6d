# What differs between the environments has no default: each environment states it.

variable "environment" {
  description = "Environment name (development or production): names are tcm-<environment>-..., parameters /tcm/<environment>/..."
  type        = string
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC (/16 or larger)."
  type        = string
}

variable "availability_zones" {
  description = "Availability zones of the subnets (2 to 4)."
  type        = list(string)
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all private subnets (cheap) instead of one per availability zone."
  type        = bool
}

variable "enable_vpc_endpoints" {
  description = "Create VPC endpoints for ECR, CloudWatch Logs, SSM and S3 so that tasks need little NAT traffic."
  type        = bool
}

variable "hosted_zone_name" {
  description = "Existing public Route53 hosted zone holding the environment's records, e.g. example.com."
  type        = string
}

variable "site_domain_name" {
  description = "Domain of the site inside hosted_zone_name; origin.<it> and grpc.<it> are created too."
  type        = string
}

variable "rest_image_tag" {
  description = "Release (image tag) of the REST service to run."
  type        = string
}

variable "graphql_image_tag" {
  description = "Release (image tag) of the GraphQL service to run."
  type        = string
}

variable "grpc_image_tag" {
  description = "Release (image tag) of the gRPC service to run."
  type        = string
}

variable "create_ecr_repositories" {
  description = "Create the ECR repositories tcm/<svc> here (false when another environment in the same account owns them)."
  type        = bool
  default     = true
}

variable "capacity_provider" {
  description = "Capacity provider of the cluster and the services: FARGATE, or FARGATE_SPOT (cheap, interruptible)."
  type        = string
}

variable "task_cpu" {
  description = "CPU units of each service task (application and collector sidecar)."
  type        = number
}

variable "task_memory" {
  description = "Memory (MiB) of each service task."
  type        = number
}

variable "desired_count" {
  description = "Tasks per service at creation; autoscaling owns the count afterwards."
  type        = number
}

variable "min_tasks" {
  description = "Autoscaling lower bound of tasks per service."
  type        = number
}

variable "max_tasks" {
  description = "Autoscaling upper bound of tasks per service."
  type        = number
}

variable "requests_per_target" {
  description = "ALB requests per task per minute that autoscaling aims at."
  type        = number
  default     = 1000
}

variable "health_check_grace_period_seconds" {
  description = "Seconds the ALB health checks of a new task are ignored."
  type        = number
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
}

variable "db_allocated_storage" {
  description = "Initial database storage (GiB)."
  type        = number
}

variable "db_max_allocated_storage" {
  description = "Upper bound of database storage autoscaling (GiB)."
  type        = number
}

variable "db_backup_retention_days" {
  description = "Days of automated database backups."
  type        = number
}

variable "db_performance_insights_retention_days" {
  description = "Days of Performance Insights data (7, or a multiple of 31)."
  type        = number
}

variable "multi_az" {
  description = "Run the database Multi-AZ (a standby in another availability zone)."
  type        = bool
}

variable "deletion_protection" {
  description = "Protect the database and the ALB from deletion, and keep the log and SPA buckets when destroying."
  type        = bool
}

variable "kms_deletion_window_in_days" {
  description = "Waiting period (days) before the KMS keys of the environment and of the CloudFront logs are deleted."
  type        = number
}

variable "access_log_retention_days" {
  description = "Days the ALB access logs and the CloudFront logs are kept."
  type        = number
}

variable "cloudfront_price_class" {
  description = "CloudFront price class (edge locations used): PriceClass_100, PriceClass_200 or PriceClass_All."
  type        = string
}

variable "db_password_generation" {
  description = "Generation of the database master password; increase it to rotate the password."
  type        = number
  default     = 1
}

variable "origin_verify_secret_generation" {
  description = "Generation of the CloudFront-to-ALB secret header value; increase it to rotate it."
  type        = number
  default     = 1
}

variable "grpc_allowed_cidrs" {
  description = "IPv4 CIDRs allowed to call the gRPC endpoint on port 50051 (empty: closed)."
  type        = list(string)
  default     = []
}

variable "alarm_emails" {
  description = "E-mail addresses notified by the alarms."
  type        = list(string)
  default     = []
}

variable "log_retention_days" {
  description = "Retention of the CloudWatch log groups: services, VPC flow logs, database, cluster (days)."
  type        = number
  default     = 365
}

variable "otel_collector_image" {
  description = "AWS Distro for OpenTelemetry collector image of the sidecars."
  type        = string
  default     = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3"
}

variable "time_zone" {
  description = "The organisation's IANA time zone (TCM_TIME_ZONE, e.g. Asia/Tokyo): it defines \"today\" for every date rule."
  type        = string
  default     = "UTC"
}

variable "trace_sample_ratio" {
  description = "Share of the traces that start at a service which are recorded and sent to X-Ray (TCM_TRACE_SAMPLE_RATIO, 0 to 1); a caller's own decision wins. See docs/telemetry.md."
  type        = number

  validation {
    condition     = var.trace_sample_ratio >= 0 && var.trace_sample_ratio <= 1
    error_message = "trace_sample_ratio must be from 0 to 1."
  }
}
