variable "aws_region" {
  description = "AWS region of the environment."
  type        = string
  default     = "ap-northeast-1"
}

variable "availability_zones" {
  description = "Availability zones of the subnets (at least 2)."
  type        = list(string)
  default     = ["ap-northeast-1a", "ap-northeast-1c"]
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
  default     = "10.10.0.0/16"
}

variable "hosted_zone_name" {
  description = "Existing public Route53 hosted zone holding the environment's records, e.g. example.com."
  type        = string
}

variable "site_domain_name" {
  description = "Domain of the site inside hosted_zone_name, e.g. tcm-dev.example.com; origin.<it> and grpc.<it> are created too."
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

variable "task_cpu" {
  description = "CPU units of each service task."
  type        = number
  default     = 256
}

variable "task_memory" {
  description = "Memory (MiB) of each service task."
  type        = number
  default     = 512
}

variable "desired_count" {
  description = "Tasks per service at creation."
  type        = number
  default     = 1
}

variable "max_tasks" {
  description = "Autoscaling upper bound of tasks per service."
  type        = number
  default     = 2
}

variable "requests_per_target" {
  description = "ALB requests per task per minute that autoscaling aims at."
  type        = number
  default     = 1000
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.t4g.small"
}

variable "db_allocated_storage" {
  description = "Initial database storage (GiB)."
  type        = number
  default     = 20
}

variable "db_max_allocated_storage" {
  description = "Upper bound of database storage autoscaling (GiB)."
  type        = number
  default     = 100
}

variable "db_backup_retention_days" {
  description = "Days of automated database backups."
  type        = number
  default     = 7
}

variable "db_password_generation" {
  description = "Generation of the database master password; increase it to rotate the password."
  type        = number
  default     = 1
}

variable "jwt_key_generation" {
  description = "Generation of the token signing key pair; increase it to rotate the key (see modules/secrets)."
  type        = number
  default     = 1
}

variable "jwt_retired_public_keys" {
  description = "Previous public keys (key id -> PEM, public) still accepted after a rotation."
  type        = map(string)
  default     = {}
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
  description = "Retention of the CloudWatch log groups (days)."
  type        = number
  default     = 365
}

variable "otel_collector_image" {
  description = "AWS Distro for OpenTelemetry collector image of the sidecars."
  type        = string
  default     = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3"
}
