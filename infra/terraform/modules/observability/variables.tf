variable "name" {
  description = "Name prefix (tcm-<environment>) of the topic, alarms and dashboard."
  type        = string
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic (each must confirm the subscription)."
  type        = list(string)
  default     = []
}

variable "kms_key_arn" {
  description = "KMS key that encrypts the alarm topic (its policy lets CloudWatch alarms use it)."
  type        = string
}

variable "alb_arn_suffix" {
  description = "ARN suffix of the ALB (CloudWatch dimension LoadBalancer)."
  type        = string
}

variable "target_group_arn_suffixes" {
  description = "Target group ARN suffixes by service (CloudWatch dimension TargetGroup)."
  type        = map(string)
}

variable "ecs_cluster_name" {
  description = "Name of the ECS cluster (dashboard)."
  type        = string
}

variable "ecs_service_names" {
  description = "ECS service names by service (dashboard)."
  type        = map(string)
}

variable "db_instance_identifier" {
  description = "Identifier of the RDS instance (CloudWatch dimension DBInstanceIdentifier)."
  type        = string
}

variable "error_rate_threshold_percent" {
  description = "Alarm when 5xx responses (from targets or the ALB) exceed this percentage of requests."
  type        = number
  default     = 5
}

variable "response_time_threshold_seconds" {
  description = "Alarm when a target group's p95 response time exceeds this many seconds."
  type        = number
  default     = 1.5
}

variable "rds_cpu_threshold_percent" {
  description = "Alarm when the database's average CPU exceeds this percentage."
  type        = number
  default     = 80
}

variable "rds_free_storage_threshold_gib" {
  description = "Alarm when the database's free storage falls below this many GiB."
  type        = number
  default     = 5
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
