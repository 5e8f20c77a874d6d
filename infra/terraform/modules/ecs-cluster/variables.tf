variable "name" {
  description = "Name of the ECS cluster, e.g. tcm-development."
  type        = string
}

variable "container_insights" {
  description = "Container Insights level: enabled or enhanced."
  type        = string
  default     = "enabled"

  validation {
    condition     = contains(["enabled", "enhanced"], var.container_insights)
    error_message = "container_insights must be enabled or enhanced."
  }
}

variable "default_capacity_provider" {
  description = "Capacity provider used by services that don't choose one: FARGATE or FARGATE_SPOT."
  type        = string

  validation {
    condition     = contains(["FARGATE", "FARGATE_SPOT"], var.default_capacity_provider)
    error_message = "default_capacity_provider must be FARGATE or FARGATE_SPOT."
  }
}

variable "kms_key_arn" {
  description = "KMS key that encrypts ECS Exec sessions and their log group."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the ECS Exec audit log group, in days."
  type        = number
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
